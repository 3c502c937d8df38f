/// The page of a refused single sign-on link (`/support/login/jwt`): why the token was refused.
struct SupportSignInFailedPage: Sendable {
    let accountName: String
    /// The refusal's code, e.g. `token_expired`.
    let code: String
    let message: String
}

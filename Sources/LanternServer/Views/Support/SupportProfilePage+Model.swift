/// `/support/profile`: the signed-in customer's preferred language.
struct SupportProfilePage: Sendable {
    let frame: SupportFrame
    let name: String
    let email: String
    /// The account's languages, the ones the customer may choose.
    let languages: [String]
    /// The customer's choice; `nil` for no preference.
    let preferredLanguage: String?
    var flash: String? = nil
    var error: String? = nil
}

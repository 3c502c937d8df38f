import Vapor

/// The JSON body of every error response.
struct ErrorBody: Content {
    struct Detail: Content {
        let code: String
        let message: String
        let fields: [String: String]?
    }

    let error: Detail
}

import LanternCore
import Vapor

extension URLEncodedForm {
    /// The request's collected body, read as a form.
    init(_ request: Request) {
        self.init(encoded: request.body.string ?? "")
    }
}

import LanternCore
import Vapor

extension Request {
    /// The body of a POST, collected so forms can be read (at most 1 MiB: an article with its HTML).
    func collectForm() async throws -> URLEncodedForm {
        if body.data == nil, method == .POST {
            _ = try await body.collect(max: 1024 * 1024).get()
        }
        return URLEncodedForm(self)
    }

    /// An integer path parameter, or a 404 page naming `what`.
    func portalID(_ name: String = "id", _ what: String) throws -> Int {
        guard let id = parameters.get(name, as: Int.self) else { throw PortalError.notFound(what) }
        return id
    }
}

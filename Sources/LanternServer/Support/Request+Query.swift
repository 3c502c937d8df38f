import LanternCore
import Vapor

extension Request {
    private struct QueryKey: StorageKey { typealias Value = URLEncodedForm }

    /// The query string, decoded once per request by `URLEncodedForm` (the widget's read paths look at several
    /// parameters on every search).
    var queryForm: URLEncodedForm {
        if let parsed = storage[QueryKey.self] { return parsed }
        let parsed = URLEncodedForm(encoded: url.query ?? "")
        storage[QueryKey.self] = parsed
        return parsed
    }

    /// A query parameter as text (the first one when repeated), `nil` when absent.
    func queryText(_ name: String) -> String? {
        queryForm.pairs.first { $0.0 == name }?.1
    }

    /// A whole-number query parameter, `nil` when absent or not a number.
    func queryInt(_ name: String) -> Int? {
        queryText(name).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// Whether the request reached Lantern over TLS (directly, or through a proxy that says so).
    var cameOverTLS: Bool {
        if url.scheme?.lowercased() == "https" { return true }
        if let proto = headers.first(name: "X-Forwarded-Proto")?.split(separator: ",").first {
            return proto.trimmingCharacters(in: .whitespaces).lowercased() == "https"
        }
        if let forwarded = headers.first(name: "Forwarded")?.lowercased(), forwarded.contains("proto=https") { return true }
        return false
    }
}

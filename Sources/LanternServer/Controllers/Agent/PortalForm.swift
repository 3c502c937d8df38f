import Foundation
import Vapor

/// A URL-encoded form body or query string, read leniently: repeated names are kept in order, malformed escapes
/// are taken literally. Reading a form never throws, so bad input becomes a validation message, not a 500.
struct PortalForm: Sendable {
    private(set) var pairs: [(String, String)] = []

    init(encoded: String) {
        for part in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(pieces[0])
            let value = pieces.count > 1 ? Self.decode(pieces[1]) : ""
            pairs.append((name, value))
        }
    }

    init(_ request: Request) {
        self.init(encoded: request.body.string ?? "")
    }

    private static func decode(_ raw: Substring) -> String {
        let spaced = raw.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The first value of `name` (also accepted as `name[]`).
    subscript(_ name: String) -> String? {
        pairs.first { $0.0 == name || $0.0 == name + "[]" }?.1
    }

    /// Every value of `name` (also accepted as `name[]`).
    func all(_ name: String) -> [String] {
        pairs.filter { $0.0 == name || $0.0 == name + "[]" }.map(\.1)
    }

    /// Whether a checkbox named `name` was ticked.
    func checked(_ name: String) -> Bool { self[name] != nil }

    /// Whole numbers among the values of `name`; `nil` when one of them is not a number.
    func integers(_ name: String) -> [Int]? {
        var out: [Int] = []
        for value in all(name) where !value.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let number = Int(value.trimmingCharacters(in: .whitespaces)) else { return nil }
            out.append(number)
        }
        return out
    }

    /// Lines or commas of a textarea, trimmed, without blanks.
    func list(_ name: String) -> [String] {
        (self[name] ?? "").split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "," })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension Request {
    /// A query parameter as text, `nil` when absent.
    func queryText(_ name: String) -> String? {
        query[String.self, at: name]
    }

    /// A positive integer query parameter, `nil` when absent or not a number.
    func queryInt(_ name: String) -> Int? {
        query[String.self, at: name].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
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

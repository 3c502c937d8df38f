import Crypto
import Foundation

/// A signed-in customer's permission to fetch the files of the articles they may read, carried in the file URL
/// (`?grant=<contact>.<expiry>.<mac>`) because the pages that show them cannot always send a cookie: the widget's
/// frame is embedded on another site. The MAC's key is derived from the account's shared secret, so a reset ends
/// every grant; the server still checks, at each request, that the contact may see the file's article. A grant is
/// valid to the end of the next full hour, so the URLs a reader gets stay the same (and cached) for an hour.
public enum ArticleFileGrant {
    /// The expiry of a grant issued at `now` (Unix seconds): the end of the next full hour.
    public static func expiry(now: Int64) -> Int64 {
        (now / 3_600 + 2) * 3_600
    }

    public static func issue(contactID: Int, accountID: Int, expiresAt: Int64, secret: String) -> String {
        let body = "\(contactID).\(expiresAt)"
        return body + "." + Base64URL.encode(Array(mac(body, accountID: accountID, secret: secret)))
    }

    /// The contact a grant was issued to, if it was signed for this account with `secret` and has not expired.
    public static func verify(_ grant: String, accountID: Int, secret: String, now: Int64) -> Int? {
        let parts = grant.split(separator: ".", omittingEmptySubsequences: false)
        guard grant.utf8.count <= 128, parts.count == 3, let contactID = Int(parts[0]), contactID > 0,
              let expiresAt = Int64(parts[1]), expiresAt > now, let signature = Base64URL.decode(String(parts[2])) else { return nil }
        let expected = mac("\(parts[0]).\(parts[1])", accountID: accountID, secret: secret)
        guard signature.count == expected.count, zip(signature, expected).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else { return nil }
        return contactID
    }

    /// `html` (sanitised article HTML) with `?grant=…` on every `src` and `href` that points under `pathPrefix`.
    public static func apply(_ grant: String, to html: String, pathPrefix: String) -> String {
        var output = ""
        var rest = Substring(html)
        let marker = "=\"" + pathPrefix + "/"
        while let start = rest.range(of: marker) {
            output += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let url = rest[..<end]
            output += url
            if !url.contains("?") { output += "?grant=" + grant }
            rest = rest[end...]
        }
        return output + rest
    }

    private static func mac(_ body: String, accountID: Int, secret: String) -> [UInt8] {
        let key = SymmetricKey(data: SHA256.hash(data: Array("lantern article file grant v1:\(accountID):\(secret)".utf8)))
        return Array(HMAC<SHA256>.authenticationCode(for: Array(body.utf8), using: key))
    }
}

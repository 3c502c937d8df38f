import LanternCore
import Vapor

extension Request {
    /// Who sent the request: the connection's peer, or behind a reverse proxy (`LANTERN_BEHIND_PROXY`) the last
    /// address the proxy appended to `X-Forwarded-For`.
    var clientAddress: String? {
        if application.lantern.behindProxy,
           let forwarded = headers.first(name: .xForwardedFor)?.split(separator: ",").last {
            let address = forwarded.trimmingCharacters(in: .whitespaces)
            if !address.isEmpty { return String(address.prefix(64)) }
        }
        return remoteAddress?.ipAddress
    }

    /// The scheme and host that absolute links in Lantern's answers start with (`https://help.example.com`):
    /// `LANTERN_PUBLIC_URL` when set; behind a reverse proxy (`LANTERN_BEHIND_PROXY`), the forwarded scheme (`http`
    /// or `https`, nothing else) and host; otherwise `http` and the `Host` header. `nil` when the host sent is not a
    /// plain `host[:port]` (`EmbedOrigin`), so that a link is then relative rather than built from a hostile header.
    var publicOrigin: String? {
        if let configured = application.lantern.publicURL { return configured }
        var scheme = "http"
        var host = headers.first(name: .host)
        if application.lantern.behindProxy {
            if let forwarded = headers.first(name: "X-Forwarded-Proto")?.split(separator: ",").first?
                .trimmingCharacters(in: .whitespaces).lowercased(), forwarded == "http" || forwarded == "https" {
                scheme = forwarded
            }
            if let forwardedHost = headers.first(name: "X-Forwarded-Host")?.split(separator: ",").first {
                host = forwardedHost.trimmingCharacters(in: .whitespaces)
            }
        }
        guard let host else { return nil }
        return EmbedOrigin.concrete("\(scheme)://\(host)")?.description
    }
}

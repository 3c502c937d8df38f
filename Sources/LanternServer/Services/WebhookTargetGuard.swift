import Foundation
import LanternCore
import Vapor

/// Where a ticket webhook may post: an `https` URL (`http` too with `LANTERN_WEBHOOK_ALLOW_HTTP`) whose host
/// resolves only to public addresses (private, loopback, link-local, unspecified and the other special ranges too
/// with `LANTERN_WEBHOOK_ALLOW_PRIVATE`). Checked when the URL is saved and again at each delivery, after
/// resolving the name; the delivery then connects to the address that was checked, so a name that changes its
/// answer in between cannot reach what the check refused.
struct WebhookTargetGuard: Sendable {
    /// A checked destination: the URL, its host, and the address to connect to.
    struct Target: Sendable {
        let url: String
        let host: String
        let address: IPAddress
    }

    /// Why a URL may not be a webhook (the message says which rule).
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    var allowHTTP: Bool
    var allowPrivate: Bool
    /// Every address of a host name (the system resolver, or a test's).
    var resolve: @Sendable (String) async throws -> [IPAddress]

    /// The destination of `url`, or a `Refusal`.
    func check(_ url: String) async throws -> Target {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              var host = components.host, !host.isEmpty else {
            throw Refusal(description: "must be an absolute https:// URL")
        }
        guard scheme == "https" || (scheme == "http" && allowHTTP) else {
            throw Refusal(description: allowHTTP ? "must be an http:// or https:// URL"
                                                 : "must be an https:// URL (LANTERN_WEBHOOK_ALLOW_HTTP allows http://)")
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let addresses: [IPAddress]
        do {
            addresses = try await resolve(host)
        } catch {
            throw Refusal(description: "has a host that could not be resolved (\(host))")
        }
        guard let first = addresses.first else { throw Refusal(description: "has a host with no address (\(host))") }
        if !allowPrivate, let refused = addresses.first(where: { $0.nonPublicRange != nil }) {
            throw Refusal(description: "must reach a public address, and \(host) is \(refused) (\(refused.nonPublicRange!); LANTERN_WEBHOOK_ALLOW_PRIVATE allows it)")
        }
        return Target(url: url, host: host, address: first)
    }

}

extension Application {
    private struct HostResolveKey: StorageKey { typealias Value = @Sendable (String) async throws -> [IPAddress] }

    /// How host names are resolved for webhooks: the system's resolver on the thread pool, unless a test set another.
    var resolveHost: @Sendable (String) async throws -> [IPAddress] {
        get {
            if let resolve = storage[HostResolveKey.self] { return resolve }
            let pool = threadPool
            return { host in try await pool.runIfActive { try HostResolver.addresses(of: host) } }
        }
        set { storage[HostResolveKey.self] = newValue }
    }

    /// The webhook destination rule under the current settings.
    var webhookTargets: WebhookTargetGuard {
        WebhookTargetGuard(allowHTTP: lantern.webhookAllowHTTP, allowPrivate: lantern.webhookAllowPrivate, resolve: resolveHost)
    }
}

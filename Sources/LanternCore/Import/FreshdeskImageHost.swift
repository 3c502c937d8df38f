import Foundation

/// Where `lantern import freshdesk` may fetch an article's images from, and how. Freshdesk keeps the images of
/// solution articles in its attachment storage and writes their address into the article's HTML:
/// `https://attachment.freshdesk.com/inline/attachment?token=…` (and the same on its regional hosts,
/// `eucattachment.freshdesk.com` for the EU data centre, `indattachment.freshdesk.com` for India), which redirects
/// to the file, and `https://s3.amazonaws.com/cdn.freshdesk.com/data/helpdesk/attachments/production/…` (the
/// bucket is named in the path). Images on the account's own address (`--url`) are Freshdesk's too. Any other
/// address is somebody else's, and the importer leaves it alone.
public enum FreshdeskImageHost: Sendable, Equatable {
    /// On the account's own origin (`--url`): fetched like its API, with the API key.
    case account
    /// On Freshdesk's attachment storage: fetched over https without credentials, from public addresses only.
    case storage

    /// Freshdesk's attachment hosts.
    public static let storageHosts: Set<String> = ["attachment.freshdesk.com", "eucattachment.freshdesk.com", "indattachment.freshdesk.com"]
    /// The shared S3 host, on which only Freshdesk's bucket (the first path segment) is Freshdesk's.
    public static let s3Host = "s3.amazonaws.com"
    public static let s3Bucket = "cdn.freshdesk.com"

    /// Which of Freshdesk's hosts `url` (absolute) is on, or `nil` for any other place: another scheme, host or
    /// port, credentials in the URL, or another S3 bucket.
    public static func of(_ url: String, source: FreshdeskSource) -> FreshdeskImageHost? {
        guard let components = URLComponents(string: url), components.user == nil, components.password == nil,
              let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        if source.contains(url) { return .account }
        guard scheme == "https", components.port == nil || components.port == 443 else { return nil }
        if storageHosts.contains(host) { return .storage }
        if host == s3Host, components.percentEncodedPath.hasPrefix("/\(s3Bucket)/") { return .storage }
        return nil
    }

    /// `src` as an absolute URL: relative addresses are read against the account's origin (Freshdesk's portal
    /// serves the article), `//host/…` as https; `nil` for what is not an http(s) address.
    public static func absolute(_ src: String, source: FreshdeskSource) -> String? {
        if src.hasPrefix("//") { return "https:" + src }
        guard let base = URL(string: source.origin + "/"), let url = URL(string: src, relativeTo: base)?.absoluteURL,
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return nil }
        return url.absoluteString
    }
}

import AsyncHTTPClient
import Foundation
import LanternCore
import NIOCore
import NIOHTTP1
import Vapor

/// Fetches an article image from Freshdesk for `lantern import freshdesk`: only from Freshdesk's hosts
/// (`FreshdeskImageHost`), the account's own with the API key, the attachment storage without credentials and only at
/// public addresses (the rule webhooks follow, `WebhookTargetGuard`, connecting to the address it checked). A
/// redirect is followed only to another of Freshdesk's hosts, at most `maximumRedirects` times; each request gets
/// `timeout`, the body at most `ArticleFilePolicy.maximumFileBytes`, and the file must be an image
/// `ArticleFilePolicy` accepts.
struct FreshdeskImageFetcher: Sendable {
    /// Why an image was not brought over (the import report says it).
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let maximumRedirects = 3

    let source: FreshdeskSource
    let apiKey: String
    let http: HTTPClient
    /// Every address of a host name (the system resolver, or a test's).
    let resolve: @Sendable (String) async throws -> [IPAddress]
    /// Where a fetched image waits until it is stored.
    let spoolDirectory: String
    var timeout: Duration = .seconds(30)

    init(client: FreshdeskClient, resolve: @escaping @Sendable (String) async throws -> [IPAddress], spoolDirectory: String) {
        source = client.source
        apiKey = client.apiKey
        http = client.http
        self.resolve = resolve
        self.spoolDirectory = spoolDirectory
    }

    /// The fetcher `app` would use with `client`: its resolver and upload directory.
    init(client: FreshdeskClient, app: Application) {
        self.init(client: client, resolve: app.resolveHost, spoolDirectory: app.lantern.uploadDirectory)
    }

    /// What one request answered.
    private enum Answer: Sendable {
        case file(SpooledFile, contentType: String?)
        case redirect(String)
        case status(UInt)
    }

    /// The image at `url`, spooled (the caller removes it) and accepted by `ArticleFilePolicy`; else `Failure`.
    func fetch(_ url: String) async throws -> (file: SpooledFile, accepted: AttachmentPolicy.Accepted) {
        var current = url
        for _ in 0...Self.maximumRedirects {
            let requested = current
            guard let host = FreshdeskImageHost.of(current, source: source) else {
                throw Failure(description: "redirected to \(current), which is not one of Freshdesk's hosts: not followed")
            }
            let answer: Answer
            do {
                answer = try await withTimeout(timeout) { [self] in try await request(requested, on: host) }
            } catch let error where error is TimeoutError || [.deadlineExceeded, .readTimeout, .connectTimeout].contains(error as? HTTPClientError) {
                throw Failure(description: "no answer within \(timeout)")
            } catch let failure as Failure {
                throw failure
            } catch let refusal as WebhookTargetGuard.Refusal {
                throw Failure(description: "its address \(refusal.description)")
            } catch {
                throw Failure(description: "could not be fetched: \(error)")
            }
            switch answer {
            case .redirect(let location):
                guard let next = URL(string: location, relativeTo: URL(string: current))?.absoluteURL.absoluteString else {
                    throw Failure(description: "redirected to an unreadable address")
                }
                current = next
            case .status(let code):
                throw Failure(description: "Freshdesk answered \(code)")
            case .file(let file, let contentType):
                switch Self.check(file, named: Self.filename(url: current, contentType: contentType)) {
                case .success(let accepted): return (file, accepted)
                case .failure(let failure):
                    file.remove()
                    throw failure
                }
            }
        }
        throw Failure(description: "redirected more than \(Self.maximumRedirects) times")
    }

    /// One GET, its body spooled when it is 200.
    private func request(_ url: String, on host: FreshdeskImageHost) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: "Lantern/\(LanternVersion.current) (lantern import freshdesk)")
        switch host {
        case .account:
            request.headers.add(name: "Authorization", value: "Basic " + Data("\(apiKey):X".utf8).base64EncodedString())
            return try await execute(request, on: http)
        case .storage:
            let target = try await WebhookTargetGuard(allowHTTP: false, allowPrivate: false, resolve: resolve).check(url)
            var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                         timeout: .init(connect: .seconds(10), read: .seconds(30)))
            configuration.dnsOverride = [target.host: target.address.description]
            let pinned = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            do {
                let answer = try await execute(request, on: pinned)
                try await pinned.shutdown()
                return answer
            } catch {
                try? await pinned.shutdown()
                throw error
            }
        }
    }

    private func execute(_ request: HTTPClientRequest, on client: HTTPClient) async throws -> Answer {
        let (seconds, attoseconds) = timeout.components
        let response = try await client.execute(request, timeout: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
        switch response.status.code {
        case 200:
            break
        case 301, 302, 303, 307, 308:
            guard let location = response.headers.first(name: "Location") else { return .status(response.status.code) }
            return .redirect(location)
        default:
            return .status(response.status.code)
        }
        let limit = ArticleFilePolicy.maximumFileBytes
        if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > limit {
            throw Failure(description: "larger than 10 MiB (\(length) bytes)")
        }
        let writer = try SpooledFile.Writer(filename: "freshdesk-image", directory: spoolDirectory)
        do {
            for try await chunk in response.body {
                guard writer.size + chunk.readableBytes <= limit else { throw Failure(description: "larger than 10 MiB") }
                try writer.write(Array(buffer: chunk))
            }
            return .file(try writer.finish(), contentType: response.headers.first(name: "Content-Type"))
        } catch {
            writer.discard()
            throw error
        }
    }

    /// The file's name: the last segment of its address, with the extension of the type Freshdesk sent when the
    /// name has no image extension of its own (`/inline/attachment?token=…`).
    static func filename(url: String, contentType: String?) -> String {
        let segment = URLComponents(string: url)?.path.split(separator: "/").last.map(String.init) ?? ""
        let name = AttachmentPolicy.cleanFilename(segment)
        let extensions = ["image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"]
        let own = (name as NSString).pathExtension.lowercased()
        guard !["png", "jpg", "jpeg", "gif", "webp"].contains(own),
              let sent = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased(),
              let wanted = extensions[sent] else { return name }
        let stem = (name as NSString).deletingPathExtension
        return (stem.isEmpty ? "image" : stem) + "." + wanted
    }

    /// `ArticleFilePolicy`'s verdict, for an image.
    private static func check(_ file: SpooledFile, named name: String) -> Result<AttachmentPolicy.Accepted, Failure> {
        switch ArticleFilePolicy.check(AttachmentPolicy.Upload(filename: name, size: file.size, head: file.head)) {
        case .success(let accepted) where ArticleFilePolicy.isImage(accepted.contentType): return .success(accepted)
        case .success(let accepted): return .failure(Failure(description: "\(accepted.filename) is not an image (PNG, JPEG, GIF or WebP)"))
        case .failure(.tooLarge(let reason)), .failure(.invalid(let reason)): return .failure(Failure(description: reason))
        case .failure(.tooMany): return .failure(Failure(description: "refused"))
        }
    }
}

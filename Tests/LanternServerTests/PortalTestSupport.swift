import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// A minimal browser over the in-memory tester: keeps cookies, sends forms, reads CSRF tokens from pages.
final class PortalBrowser: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]
    var extraHeaders: HTTPHeaders
    /// The raw `Set-Cookie` headers of the last response.
    var lastSetCookies: [String] = []

    init(_ app: Application, address: String = "10.\(Int.random(in: 0...255)).\(Int.random(in: 0...255)).\(Int.random(in: 1...254))", https: Bool = false) {
        self.app = app
        var headers = HTTPHeaders()
        headers.add(name: "X-Forwarded-For", value: address)
        if https { headers.add(name: "X-Forwarded-Proto", value: "https") }
        extraHeaders = headers
    }

    private func headers() -> HTTPHeaders {
        var headers = extraHeaders
        if !cookies.isEmpty {
            headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; "))
        }
        return headers
    }

    private func remember(_ response: TestingHTTPResponse) {
        lastSetCookies = response.headers[.setCookie]
        for header in lastSetCookies {
            guard let pair = header.split(separator: ";").first else { continue }
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            let value = parts.count > 1 ? String(parts[1]) : ""
            if value.isEmpty || header.lowercased().contains("max-age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
    }

    func get(_ path: String) async throws -> TestingHTTPResponse {
        let response = try await app.testing().sendRequest(.GET, path, headers: headers())
        remember(response)
        return response
    }

    func post(_ path: String, _ fields: [(String, String)]) async throws -> TestingHTTPResponse {
        var headers = headers()
        headers.contentType = .urlEncodedForm
        let body = fields.map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    /// A file part of a multipart form; an empty filename and no bytes is a file input left empty.
    struct FilePart {
        let filename: String
        let contentType: String
        let data: Data
    }

    /// Posts a multipart form as a browser does (text fields first, then the files as `attachments[]`).
    func postMultipart(_ path: String, _ fields: [(String, String)], files: [FilePart] = []) async throws -> TestingHTTPResponse {
        let boundary = "----LanternFormBoundary\(UUID().uuidString.prefix(8))"
        var body = Data()
        for (name, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"attachments[]\"; filename=\"\(file.filename)\"\r\nContent-Type: \(file.contentType)\r\n\r\n".utf8)
            body += file.data + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        var headers = headers()
        headers.add(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(data: body))
        remember(response)
        return response
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The CSRF token of the first form on the page at `path`.
    func csrf(from path: String) async throws -> String {
        let page = try await get(path)
        return try #require(Self.csrf(in: page.body.string), "no CSRF field on \(path)")
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf_token" value="([^"]+)""#, options: .regularExpression) else { return nil }
        let match = html[range]
        return match.split(separator: "\"").dropFirst(3).first.map(String.init)
    }

    /// Signs in at `/agent/login`, expecting success.
    func signIn(email: String, password: String = "correct horse") async throws {
        let token = try await csrf(from: "/agent/login")
        let response = try await post("/agent/login", [("csrf_token", token), ("email", email), ("password", password)])
        #expect(response.status == .seeOther, "sign-in refused: \(response.body.string)")
        #expect(cookies[PortalSessionService.agentCookie] != nil)
    }
}

extension Application {
    /// An agent-portal browser signed in as the account's admin.
    func agentBrowser(_ account: AccountProvisioner.Result) async throws -> PortalBrowser {
        lantern.behindProxy = true
        let browser = PortalBrowser(self)
        try await browser.signIn(email: account.adminEmail)
        return browser
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LanternCore
import Testing
import Vapor
@testable import LanternServer

/// Runs `body` against a migrated application listening on a free loopback port, with `adjust` applied to its
/// settings first (an upload budget, timeouts); stops the server and the application afterwards.
func withListeningLantern(_ adjust: (inout LanternSettings) -> Void = { _ in },
                          _ body: (Application, Int) async throws -> Void) async throws {
    let location = TestDatabase.makeLocation()
    let uploads = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-test-uploads-\(UUID().uuidString)").path
    let app = try await Application.make(.testing)
    app.logger.logLevel = .critical
    defer {
        TestDatabase.removeSQLiteFiles(location)
        try? FileManager.default.removeItem(atPath: uploads)
    }
    do {
        var settings = LanternSettings(database: location, bcryptCost: 4, ticketRateLimit: nil)
        settings.uploadDirectory = uploads
        settings.searchMemoryCountsResident = false
        adjust(&settings)
        try configure(app, settings: settings)
        try await MigrationGate.shared.migrate(app)
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        try await body(app, app.http.server.shared.localAddress!.port!)
    } catch {
        await app.server.shutdown()
        try? await app.asyncShutdown()
        throw error
    }
    await app.server.shutdown()
    try await app.asyncShutdown()
}

/// A blocking TCP socket connected to `port` on 127.0.0.1 (closing it is the caller's).
func connectedLoopbackSocket(port: Int) throws -> Int32 {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard result == 0 else {
        close(descriptor)
        throw POSIXError(.ECONNREFUSED)
    }
    return descriptor
}

/// A loopback TCP client that sends a request in pieces and reads one response, or notices the server closed the
/// connection. Its blocking socket calls run on a dispatch queue, never on the tasks' threads the server also needs.
final class SlowClient: @unchecked Sendable {
    private let descriptor: Int32
    private var buffered = Data()

    /// What a read found: a response, or the connection closed without one.
    enum Outcome: Equatable {
        case response(status: Int, headers: [String: String], body: String)
        case closed
    }

    init(port: Int) throws {
        descriptor = try connectedLoopbackSocket(port: port)
    }

    func send(_ bytes: Data) async throws {
        try await Self.offThread { try self.sendNow(Data(bytes)) }
    }

    func send(_ text: String) async throws { try await send(Data(text.utf8)) }

    /// The next response (head and `Content-Length` body), `.closed` if the server closes first; throws
    /// `TimeoutError` when neither happens within `timeout`.
    func read(timeout: Duration = .seconds(30)) async throws -> Outcome {
        try await Self.offThread { try self.readNow(timeout: timeout) }
    }

    private static func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    private func sendNow(_ data: Data) throws {
        var offset = 0
        while offset < data.count {
            let sent = data[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw POSIXError(.EPIPE) }
            offset += sent
        }
    }

    private func readNow(timeout: Duration) throws -> Outcome {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let end = buffered.range(of: Data("\r\n\r\n".utf8)) {
                let head = String(decoding: buffered[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
                var headers: [String: String] = [:]
                for line in head.dropFirst() {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                let length = Int(headers["content-length"] ?? "0") ?? 0
                let bodyStart = end.upperBound
                if buffered.count - bodyStart >= length {
                    let status = Int(head[0].split(separator: " ")[1]) ?? 0
                    let body = String(decoding: buffered[bodyStart..<(bodyStart + length)], as: UTF8.self)
                    buffered.removeSubrange(..<(bodyStart + length))
                    return .response(status: status, headers: headers, body: body)
                }
            }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw TimeoutError() }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000)
            guard poll(&poller, 1, max(1, milliseconds)) > 0 else { throw TimeoutError() }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = recv(descriptor, &chunk, chunk.count, 0)
            if count <= 0 { return .closed }
            buffered.append(contentsOf: chunk[0..<count])
        }
    }

    deinit { close(descriptor) }
}

/// A ticket form body for raw requests, and its content type.
func multipartTicket(subject: String, files: [(String, Data)]) -> (contentType: String, body: Data) {
    var form = MultipartBody()
    for (key, value) in ["name": "Upload Tester", "email": "upload@tester.example", "subject": subject,
                         "description": "Files attached."] {
        form.field(key, value)
    }
    for (name, bytes) in files { form.file(filename: name, bytes: bytes) }
    return (form.contentType, form.finished)
}

/// The request head of a POST to the widget's ticket route.
func ticketHead(widgetID: Int, contentType: String, contentLength: Int?) -> String {
    var head = "POST /widget/v1/widgets/\(widgetID)/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: \(contentType)\r\n"
    head += contentLength.map { "Content-Length: \($0)\r\n" } ?? "Transfer-Encoding: chunked\r\n"
    return head + "\r\n"
}

/// The files in the application's upload directory now.
func spooledFiles(_ app: Application) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: app.lantern.uploadDirectory)) ?? []
}

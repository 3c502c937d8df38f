import LanternCore
import NIOConcurrencyHelpers
import Vapor

/// A ticket form sent as `multipart/form-data`, read from the streamed body as it arrives: text fields are kept
/// (up to `maximumFieldBytes` each), each `attachments[]` file goes to a temporary file and is checked against
/// `AttachmentPolicy` on the way, so no whole file or body is ever held in memory. A body that breaks a rule is
/// refused as soon as it does, and whatever was spooled is removed before the error is thrown.
struct TicketMultipartForm: Sendable {
    /// The text fields by name (the first part of each name wins).
    var fields: [String: String] = [:]
    /// The attachments in the order sent, spooled and accepted.
    var files: [TicketService.AcceptedFile] = []

    /// The most bytes of one text field: room for the 64 KiB description, so the rules can say it is too long.
    static let maximumFieldBytes = 128 * 1024
    /// The most bytes of all text fields together.
    static let maximumTextBytes = 256 * 1024

    /// Removes the spooled files.
    func discard() {
        for file in files { file.file.remove() }
    }

    /// Reads the body of `request` (a `.stream` route) up to `maximumBytes`, spooling files into `directory`, covering what arrives with
    /// `reservation` (503 `service_unavailable` when the budget has no room) and failing with 408
    /// `request_timeout` when no bytes arrive for `stallTimeout`.
    static func read(_ request: Request, boundary: String, maximumBytes: Int, directory: String,
                     reservation: UploadBudget.Reservation, stallTimeout: Duration) async throws -> TicketMultipartForm {
        let lastProgress = NIOLockedValueBox(ContinuousClock.now)
        return try await withThrowingTaskGroup(of: TicketMultipartForm?.self) { group in
            group.addTask {
                try await readBody(request, boundary: boundary, maximumBytes: maximumBytes, directory: directory,
                                   reservation: reservation) {
                    lastProgress.withLockedValue { $0 = .now }
                }
            }
            group.addTask {
                while true {
                    try await Task.sleep(for: min(stallTimeout, .milliseconds(250)))
                    if ContinuousClock.now - lastProgress.withLockedValue({ $0 }) >= stallTimeout {
                        throw AppError(.requestTimeout, "The request body stopped arriving for \(stallTimeout.components.seconds) seconds.")
                    }
                }
            }
            defer { group.cancelAll() }
            guard let form = try await group.next() ?? nil else { throw CancellationError() }
            return form
        }
    }

    private static func readBody(_ request: Request, boundary: String, maximumBytes: Int, directory: String,
                                 reservation: UploadBudget.Reservation,
                                 progress: @Sendable () -> Void) async throws -> TicketMultipartForm {
        var builder = Builder(directory: directory)
        do {
            var reader = try MultipartReader(boundary: boundary)
            var received = 0
            for try await chunk in request.body {
                progress()
                received += chunk.readableBytes
                guard received <= maximumBytes else { throw tooLarge }
                guard reservation.cover(received) else { throw UploadBudget.full }
                for event in try reader.feed(chunk.readableBytesView) { try builder.handle(event) }
            }
            try reader.finish()
            return builder.form
        } catch {
            builder.discard()
            if let failure = error as? MultipartReader.Failure { throw malformed(failure) }
            throw error
        }
    }

    static let tooLarge = AppError(.payloadTooLarge, "A ticket may carry at most 20 MiB of attachments and 512 KiB of text.")

    private static func malformed(_ failure: MultipartReader.Failure) -> AppError {
        let detail = switch failure {
        case .invalidBoundary: "its boundary is not valid"
        case .malformed(let reason): reason
        case .tooManyParts: "it has too many parts"
        case .headersTooLarge: "a part's headers are too large"
        case .truncated: "it ended before its closing boundary"
        }
        return AppError(.badRequest, "The multipart body cannot be read: \(detail).")
    }

    /// The form as its parts complete.
    private struct Builder {
        let directory: String
        var form = TicketMultipartForm()
        private var textBytes = 0
        private var part = Part.skipped
        private var attachmentBytes = 0

        init(directory: String) {
            self.directory = directory
        }

        private enum Part {
            case text(name: String, bytes: [UInt8])
            case file(SpooledFile.Writer)
            case skipped
        }

        mutating func handle(_ event: MultipartReader.Event) throws {
            switch event {
            case .partStart(let headers):
                if let filename = headers.filename {
                    guard let name = headers.name, Self.isAttachmentField(name) else {
                        part = .skipped
                        return
                    }
                    guard form.files.count < AttachmentPolicy.maximumCount else {
                        throw AppError.validation(["attachments": "must be at most \(AttachmentPolicy.maximumCount) files"])
                    }
                    part = .file(try SpooledFile.Writer(filename: filename, directory: directory))
                } else {
                    part = .text(name: headers.name ?? "", bytes: [])
                }
            case .content(let bytes):
                switch part {
                case .text(let name, var text):
                    textBytes += bytes.count
                    guard text.count + bytes.count <= TicketMultipartForm.maximumFieldBytes,
                          textBytes <= TicketMultipartForm.maximumTextBytes else { throw TicketMultipartForm.tooLarge }
                    part = .skipped
                    text.append(contentsOf: bytes)
                    part = .text(name: name, bytes: text)
                case .file(let writer):
                    let upload = AttachmentPolicy.Upload(filename: writer.filename, size: writer.size + bytes.count, head: [])
                    try Self.require(AttachmentPolicy.checkSize(upload, runningTotal: attachmentBytes))
                    try writer.write(bytes)
                case .skipped:
                    break
                }
            case .partEnd:
                switch part {
                case .text(let name, let bytes):
                    if form.fields[name] == nil { form.fields[name] = String(decoding: bytes, as: UTF8.self) }
                case .file(let writer) where writer.size == 0 && writer.filename.isEmpty:
                    // A file input left empty: browsers send it as a nameless, empty file.
                    writer.discard()
                case .file(let writer):
                    let file = try writer.finish()
                    let upload = AttachmentPolicy.Upload(filename: file.filename, size: file.size, head: file.head)
                    do {
                        try Self.require(AttachmentPolicy.checkSize(upload, runningTotal: attachmentBytes))
                        let accepted = try Self.require(AttachmentPolicy.checkContent(upload))
                        form.files.append(TicketService.AcceptedFile(accepted: accepted, file: file))
                        attachmentBytes += file.size
                    } catch {
                        file.remove()
                        throw error
                    }
                case .skipped:
                    break
                }
                part = .skipped
            }
        }

        /// Removes every spooled file, the one being written included.
        func discard() {
            if case .file(let writer) = part { writer.discard() }
            form.discard()
        }

        /// `attachments`, `attachments[]` or `attachments[N]`.
        private static func isAttachmentField(_ name: String) -> Bool {
            name == "attachments" || (name.hasPrefix("attachments[") && name.hasSuffix("]")
                                      && name.dropFirst(12).dropLast().allSatisfy(\.isNumber))
        }

        @discardableResult
        private static func require<T>(_ result: Result<T, AttachmentPolicy.Refusal>) throws -> T {
            switch result {
            case .success(let value): return value
            case .failure(.tooMany):
                throw AppError.validation(["attachments": "must be at most \(AttachmentPolicy.maximumCount) files"])
            case .failure(.tooLarge(let reason)):
                throw AppError(.payloadTooLarge, "Attachments may be 10 MiB each and 20 MiB in all: \(reason).")
            case .failure(.invalid(let reason)):
                throw AppError.validation(["attachments": reason])
            }
        }
    }
}

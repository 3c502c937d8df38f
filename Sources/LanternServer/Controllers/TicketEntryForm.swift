import LanternCore
import Vapor

/// The body of a reply or note (and of a ticket the API creates): JSON, URL-encoded, or `multipart/form-data` with
/// up to five `attachments[]` (the contact form's `AttachmentPolicy`), read as a stream so that files are spooled,
/// never held in memory. Routes using it are `.stream` routes limited to `maximumBodyBytes`.
struct TicketEntryForm: Sendable {
    /// Room for 20 MiB of attachments plus the text fields and the multipart framing.
    static let maximumBodyBytes = AttachmentPolicy.maximumTotalBytes + 512 * 1024

    /// Whether the body is JSON (collected into the request) rather than a form.
    var isJSON = false
    /// Text fields of a form.
    var fields: [String: String] = [:]
    var files: [TicketService.AcceptedFile] = []

    /// Removes the spooled files.
    func discard() {
        for file in files { file.file.remove() }
    }

    /// Reads the body. Multipart bodies count against the process's upload budget (503 when full).
    static func read(_ request: Request) async throws -> TicketEntryForm {
        let settings = request.application.lantern
        if let boundary = request.headers.first(name: .contentType).flatMap(MultipartReader.boundary(contentType:)) {
            let reservation = UploadBudget.Reservation(request.application.uploadBudget)
            defer { reservation.release() }
            if let declared = request.headers.first(name: .contentLength).flatMap(Int.init) {
                guard reservation.cover(declared) else { throw UploadBudget.full }
            }
            let multipart = try await TicketMultipartForm.read(request, boundary: boundary, maximumBytes: maximumBodyBytes,
                                                               directory: settings.uploadDirectory, reservation: reservation,
                                                               stallTimeout: settings.bodyTimeout)
            return TicketEntryForm(isJSON: false, fields: multipart.fields, files: multipart.files)
        }
        if request.headers.contentType == .formData {
            throw AppError(.badRequest, "A multipart/form-data body needs a valid boundary parameter.")
        }
        _ = try await request.body.collect(max: TicketMultipartForm.maximumTextBytes).get()
        if request.headers.contentType == .urlEncodedForm {
            return TicketEntryForm(isJSON: false, fields: try request.content.decode([String: String].self), files: [])
        }
        return TicketEntryForm(isJSON: true, fields: [:], files: [])
    }

    /// The JSON body decoded as `T` (then `fields` is empty), or — for a form — `nil`: read `fields` instead.
    func json<T: Decodable>(_ type: T.Type, request: Request) throws -> T? {
        isJSON ? try request.decodeBody(T.self) : nil
    }
}

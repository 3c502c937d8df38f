import LanternCore
import Vapor

/// The widget's contact form: `POST /widget/v1/widgets/{widget_id}/tickets`, as JSON or as
/// `multipart/form-data` with up to five `attachments[]`. Answers 201 only once everything is committed.
///
/// The body is streamed: the widget, its form settings, the rate limit, the declared length and the process's
/// upload budget are all checked before a byte of it is read, and attachments go to temporary files as they
/// arrive rather than into memory.
struct WidgetTicketController: RouteCollection {
    /// Room for 20 MiB of attachments plus the text fields and the multipart framing.
    static let maximumBodyBytes = AttachmentPolicy.maximumTotalBytes + 512 * 1024
    /// The most bytes of a JSON or URL-encoded ticket (text only).
    static let maximumTextBodyBytes = TicketMultipartForm.maximumTextBytes

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("widget", "v1", "widgets", ":widget_id").grouped(WidgetContextMiddleware.caller)
            .on(.POST, "tickets", body: .stream, use: create)
            .bodyLimit(Self.maximumBodyBytes)
    }

    /// The form's fields, from JSON or a URL-encoded form.
    struct TicketForm: Decodable {
        let name: String?
        let email: String?
        let subject: String?
        let description: String?
        let website: String?
        var priority: Int? = nil
        var type: String? = nil
        var custom_fields: [String: CustomFieldInput]? = nil

        /// The priority, type and custom fields, as the contact form service checks them.
        var choices: ContactFormService.Choices {
            ContactFormService.Choices(priority: priority, type: type, customFields: custom_fields ?? [:])
        }
    }

    struct CreatedDTO: Content {
        let id: Int
        let verified: Bool
    }

    @Sendable
    func create(request: Request) async throws -> Response {
        let context = try request.widgetContext
        let widget = context.widget
        let settings = request.application.lantern
        let requester = try ContactFormService.requester(context.signedIn?.contact)
        try await ContactFormService.admit(.init(widget), requester: requester, requesterIP: request.clientAddress,
                                           limit: settings.ticketRateLimit, on: request.db)

        let reservation = UploadBudget.Reservation(request.application.uploadBudget)
        defer { reservation.release() }
        let form: TicketForm
        let files: [TicketService.AcceptedFile]
        if let boundary = request.headers.first(name: .contentType).flatMap(MultipartReader.boundary(contentType:)) {
            if let declared = request.headers.first(name: .contentLength).flatMap(Int.init) {
                guard reservation.cover(declared) else { throw UploadBudget.full }
            }
            let multipart = try await TicketMultipartForm.read(request, boundary: boundary, maximumBytes: Self.maximumBodyBytes,
                                                               directory: settings.uploadDirectory, reservation: reservation,
                                                               stallTimeout: settings.bodyTimeout)
            form = TicketForm(name: multipart.fields["name"], email: multipart.fields["email"],
                              subject: multipart.fields["subject"], description: multipart.fields["description"],
                              website: multipart.fields["website"],
                              priority: try TicketEntryForm.priorityCode(multipart.fields["priority"]),
                              type: multipart.fields["type"],
                              custom_fields: TicketEntryForm.customFields(multipart.fields))
            files = multipart.files
        } else {
            form = try await Self.decodeTextForm(request)
            files = []
        }
        defer { for file in files { file.file.remove() } }

        let draft = TicketDraft(name: form.name, email: form.email, subject: form.subject,
                                description: form.description, honeypot: form.website)
        let ticket = try await ContactFormService.submit(draft, choices: form.choices, to: .init(widget), requester: requester,
                                                         contactID: context.signedIn?.contact.id, source: .feedbackWidget,
                                                         requesterIP: request.clientAddress, attachments: files,
                                                         limit: settings.ticketRateLimit, on: request.db)
        request.application.metrics.ticketCreated(verified: ticket.verified)
        let response = Response(status: .created)
        try response.content.encode(CreatedDTO(id: try ticket.requireID(), verified: ticket.verified))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// A JSON or URL-encoded ticket, collected (it has no files).
    private static func decodeTextForm(_ request: Request) async throws -> TicketForm {
        if request.headers.contentType == .formData {
            throw AppError(.badRequest, "A multipart/form-data body needs a valid boundary parameter.")
        }
        _ = try await request.body.collect(max: maximumTextBodyBytes).get()
        if request.headers.contentType == .urlEncodedForm {
            return try request.content.decode(TicketForm.self)
        }
        return try request.decodeBody(TicketForm.self)
    }
}

import LanternCore
import Vapor

/// The widget's contact form: `POST /widget/v1/widgets/{widget_id}/tickets`, as JSON or as
/// `multipart/form-data` with up to five `attachments[]`. Answers 201 only once everything is committed.
struct WidgetTicketController: RouteCollection {
    /// Room for 20 MiB of attachments plus the text fields and the multipart framing.
    static let maximumBodyBytes = AttachmentPolicy.maximumTotalBytes + 512 * 1024

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("widget", "v1", "widgets", ":widget_id").grouped(WidgetContextMiddleware.caller)
            .on(.POST, "tickets", body: .collect(maxSize: ByteCount(value: Self.maximumBodyBytes)), use: create)
    }

    /// The form's fields, from JSON, a multipart form or a URL-encoded form.
    struct TicketForm: Decodable {
        let name: String?
        let email: String?
        let subject: String?
        let description: String?
        let website: String?
        let attachments: [File]?
    }

    struct CreatedDTO: Content {
        let id: Int
        let verified: Bool
    }

    @Sendable
    func create(request: Request) async throws -> Response {
        let context = try request.widgetContext
        let widget = context.widget
        guard widget.contactFormEnabled else {
            throw AppError(.contactFormDisabled, "This widget's contact form is turned off.")
        }
        if widget.contactFormLoggedInOnly && context.signedIn == nil {
            throw AppError(.loginRequired, "Sign in to send a ticket through this widget.")
        }
        let form = try Self.decodeForm(request)
        let requester: TicketRequester
        if let contact = context.signedIn?.contact {
            guard let email = EmailAddress(contact.email) else {
                throw AppError(.contactEmailInvalid, "The signed-in contact's email address is not valid; sign in again.")
            }
            requester = .verified(name: contact.name, email: email)
        } else {
            requester = .anonymous
        }
        let draft = TicketDraft(name: form.name, email: form.email, subject: form.subject,
                                description: form.description, honeypot: form.website)
        let submission: TicketSubmission
        switch TicketRules.validate(draft, from: requester) {
        case .success(let valid): submission = valid
        case .failure(let problems): throw AppError.validation(problems.messages)
        }
        let files = try Self.acceptedFiles(form.attachments ?? [])
        let ticket = try await TicketService.create(
            .init(accountID: widget.accountID, widgetID: widget.id, contactID: context.signedIn?.contact.id,
                  submission: submission, requesterIP: request.clientAddress, attachments: files),
            limit: request.application.lantern.ticketRateLimit, on: request.db
        )
        request.application.metrics.ticketCreated(verified: ticket.verified)
        let response = Response(status: .created)
        try response.content.encode(CreatedDTO(id: try ticket.requireID(), verified: ticket.verified))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    private static func decodeForm(_ request: Request) throws -> TicketForm {
        switch request.headers.contentType {
        case .some(.formData), .some(.urlEncodedForm):
            return try request.content.decode(TicketForm.self)
        default:
            return try request.decodeBody(TicketForm.self)
        }
    }

    private static func acceptedFiles(_ files: [File]) throws -> [TicketService.AcceptedFile] {
        let uploads = files.map { AttachmentPolicy.Upload(filename: $0.filename, bytes: $0.data.getBytes(at: $0.data.readerIndex, length: $0.data.readableBytes) ?? []) }
        switch AttachmentPolicy.check(uploads) {
        case .success(let accepted):
            return zip(accepted, uploads).map { TicketService.AcceptedFile(accepted: $0, data: Data($1.bytes)) }
        case .failure(.tooMany):
            throw AppError.validation(["attachments": "must be at most \(AttachmentPolicy.maximumCount) files"])
        case .failure(.tooLarge(let reason)):
            throw AppError(.payloadTooLarge, "Attachments may be 10 MiB each and 20 MiB in all: \(reason).")
        case .failure(.invalid(let reason)):
            throw AppError.validation(["attachments": reason])
        }
    }
}

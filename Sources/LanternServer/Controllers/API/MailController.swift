import Fluent
import LanternCore
import Vapor

/// Mail for admins: `GET/PUT /api/v2/settings/mail` (sender, support address, which notifications go out), and the
/// outbox, `GET /api/v2/mail/outbox?status=failed|pending|sent` and `POST /api/v2/mail/outbox/{id}/retry`.
struct MailController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", "mail", use: showSettings)
        routes.put("settings", "mail", use: updateSettings)
        let outbox = routes.grouped("mail", "outbox")
        outbox.get(use: listOutbox)
        outbox.post(":id", "retry", use: retry)
    }

    @Sendable
    func showSettings(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        return try ok(MailSettingsDTO(try await MailSettingsService.show(accountID: caller.accountID, on: request.db)))
    }

    @Sendable
    func updateSettings(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let input = try request.decodeBody(MailSettingsInput.self)
        return try ok(MailSettingsDTO(try await MailSettingsService.update(accountID: caller.accountID, input, on: request.db)))
    }

    /// Newest first; `status` filters (`failed`, `pending` or `sent`).
    @Sendable
    func listOutbox(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let page = try PageRequest(from: request)
        var status: OutboxMail.Status? = nil
        if let raw = request.queryText("status") {
            guard let parsed = OutboxMail.Status(rawValue: raw) else {
                throw AppError.validation(["status": "must be one of \(OutboxMail.Status.allCases.map(\.rawValue).joined(separator: ", "))"])
            }
            status = parsed
        }
        let rows = try await MailOutbox.list(accountID: caller.accountID, status: status, page: page, on: request.db)
        return try rows.map(OutboxMailDTO.init).response(for: request, pageRequest: page)
    }

    @Sendable
    func retry(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let notFound = AppError(.mailNotFound, "There is no such message in the outbox.")
        let row = try await MailOutbox.retry(try request.id(notFound: notFound), accountID: caller.accountID, on: request.db)
        return try ok(try OutboxMailDTO(row))
    }
}

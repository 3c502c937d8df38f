import Fluent
import Foundation
import Vapor

/// `/api/v2/tickets`: the tickets customers sent, newest first, with their attachments (agents only).
struct TicketController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let tickets = routes.grouped("tickets")
        tickets.get(use: list)
        tickets.get(":id", use: show)
        tickets.get(":id", "attachments", ":position", use: attachment)
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let caller = try request.requireAgent()
        let page = try PageRequest(from: request)
        let filter = try Self.filter(request)
        let tickets = try await TicketService.list(accountID: caller.accountID, filter: filter, page: page, on: request.db)
        let attachments = try await TicketService.attachments(ofTickets: tickets.items.compactMap(\.id), on: request.db)
        return try tickets.map { try TicketDTO($0, attachments: attachments[$0.id ?? 0] ?? []) }
            .response(for: request, pageRequest: page)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let ticket = try await ticket(request)
        let attachments = try await TicketService.attachments(ofTickets: [try ticket.requireID()], on: request.db)
        return try ok(TicketDTO(ticket, attachments: attachments[try ticket.requireID()] ?? []))
    }

    /// The n-th attachment's bytes (from 0), always as a download.
    @Sendable
    func attachment(request: Request) async throws -> Response {
        let ticket = try await ticket(request)
        guard let position = request.parameters.get("position", as: Int.self),
              let file = try await TicketService.attachment(ticketID: try ticket.requireID(), position: position, on: request.db)
        else { throw APIError.notFound("attachment_not_found", "The ticket has no attachment with this number (they count from 0).") }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: file.contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: Self.contentDisposition(file.filename))
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: .contentSecurityPolicy, value: "default-src 'none'; sandbox")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(data: file.data))
    }

    private func ticket(_ request: Request) async throws -> Ticket {
        let caller = try request.requireAgent()
        let notFound = APIError.notFound("ticket_not_found", "No ticket has this id in your account.")
        guard let ticket = try await Ticket.find(try request.id(notFound: notFound), inAccount: caller.accountID, on: request.db)
        else { throw notFound }
        return ticket
    }

    /// `email`, `verified`, `widget_id`, and `created_since` (or Freshdesk's `updated_since`: tickets do not change
    /// after they are created) as an ISO 8601 time.
    private static func filter(_ request: Request) throws -> TicketService.Filter {
        var filter = TicketService.Filter()
        var errors: [String: String] = [:]
        if let email = request.query[String.self, at: "email"] {
            if email.unicodeScalars.contains(where: { FieldErrors.isControl($0, allowingLineBreaks: false) }) {
                errors["email"] = "must not contain control characters"
            } else {
                filter.email = email.trimmingCharacters(in: .whitespaces).lowercased()
            }
        }
        if let verified = request.query[String.self, at: "verified"] {
            switch verified.lowercased() {
            case "true", "1": filter.verified = true
            case "false", "0": filter.verified = false
            default: errors["verified"] = "must be true or false"
            }
        }
        if let widget = request.query[String.self, at: "widget_id"] {
            if let id = Int(widget), id > 0 { filter.widgetID = id } else { errors["widget_id"] = "must be a widget id" }
        }
        for name in ["created_since", "updated_since"] {
            guard let raw = request.query[String.self, at: name] else { continue }
            if let date = Self.parseTime(raw) { filter.createdSince = date } else {
                errors[name] = "must be an ISO 8601 time, e.g. 2026-01-31T12:00:00Z"
            }
        }
        if !errors.isEmpty { throw APIError.validation(errors) }
        return filter
    }

    static func parseTime(_ raw: String) -> Date? {
        if let date = try? Date(raw, strategy: .iso8601) { return date }
        if let date = try? Date(raw, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return try? Date(raw + "T00:00:00Z", strategy: .iso8601)
    }

    /// `attachment; filename="…"` with an ASCII fallback and the UTF-8 name (RFC 6266).
    static func contentDisposition(_ filename: String) -> String {
        let ascii = String(filename.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_"))) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}

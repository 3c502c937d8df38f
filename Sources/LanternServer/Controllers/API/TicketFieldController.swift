import Fluent
import Vapor

/// `/api/v2/ticket_fields`: what a ticket's coded fields may hold and the account's custom fields (agents read
/// them); the account's ticket types and custom fields (admins change them).
struct TicketFieldController {
    /// Agents' routes.
    struct Reading: RouteCollection {
        func boot(routes: any RoutesBuilder) throws {
            routes.get("ticket_fields", use: TicketFieldController.list)
        }
    }

    /// Admins' routes.
    struct Managing: RouteCollection {
        func boot(routes: any RoutesBuilder) throws {
            routes.put("ticket_fields", use: TicketFieldController.replaceTypes)
            routes.post("ticket_fields", use: TicketFieldController.createCustom)
            routes.put("ticket_fields", ":id", use: TicketFieldController.updateCustom)
            routes.delete("ticket_fields", ":id", use: TicketFieldController.deleteCustom)
        }
    }

    /// The default fields (`status`, `priority`, `source`, `ticket_type`) then the custom ones.
    @Sendable
    static func list(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        return try ok(try await fields(accountID: caller.accountID, on: request.db))
    }

    /// `{"types": ["Question", …]}`: answers the fields as `GET` does.
    @Sendable
    static func replaceTypes(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let input = try request.decodeBody(TicketTypesInput.self)
        _ = try await TicketTypeService.replace(accountID: caller.accountID, with: input.types, on: request.db)
        return try ok(try await fields(accountID: caller.accountID, on: request.db))
    }

    @Sendable
    static func createCustom(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let account = try await request.account(of: caller)
        let input = try request.decodeBody(CustomTicketFieldInput.self)
        let field = try await CustomTicketFieldService.create(accountID: caller.accountID, input,
                                                              languages: account.supportedLanguages, on: request.db)
        return try created(CustomTicketFieldDTO(field))
    }

    @Sendable
    static func updateCustom(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let account = try await request.account(of: caller)
        let field = try await CustomTicketFieldService.find(apiID: try request.id(notFound: .ticketFieldNotFound),
                                                            accountID: caller.accountID, on: request.db)
        let input = try request.decodeBody(CustomTicketFieldInput.self)
        try await CustomTicketFieldService.update(field, input, languages: account.supportedLanguages, on: request.db)
        return try ok(CustomTicketFieldDTO(field))
    }

    @Sendable
    static func deleteCustom(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let field = try await CustomTicketFieldService.find(apiID: try request.id(notFound: .ticketFieldNotFound),
                                                            accountID: caller.accountID, on: request.db)
        try await CustomTicketFieldService.delete(field, on: request.db)
        return Response(status: .noContent)
    }

    private static func fields(accountID: Int, on db: any Database) async throws -> [TicketFieldListEntry] {
        TicketFieldListEntry.list(types: try await TicketTypeService.names(accountID: accountID, on: db),
                                  custom: try await CustomTicketFieldService.all(accountID: accountID, on: db))
    }
}

import Vapor

/// `/api/v2/ticket_fields`: what a ticket's coded fields may hold (agents read it), and the account's ticket types
/// (admins replace them).
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
        }
    }

    @Sendable
    static func list(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        return try ok(TicketFieldDTO.all(types: try await TicketTypeService.names(accountID: caller.accountID, on: request.db)))
    }

    /// `{"types": ["Question", …]}`: answers the fields as `GET` does.
    @Sendable
    static func replaceTypes(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let input = try request.decodeBody(TicketTypesInput.self)
        let types = try await TicketTypeService.replace(accountID: caller.accountID, with: input.types, on: request.db)
        return try ok(TicketFieldDTO.all(types: types))
    }
}

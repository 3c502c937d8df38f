import Fluent
import Vapor

/// `/api/v2/contacts`: the account's customers, their preferred language and their companies.
struct ContactController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let contacts = routes.grouped("contacts")
        contacts.post(use: create)
        contacts.get(use: list)
        contacts.get(":id", use: show)
        contacts.put(":id", use: update)
        contacts.delete(":id", use: delete)
    }

    @Sendable
    func create(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let account = try await request.account(of: caller)
        let input = try request.decodeBody(ContactInput.self)
        let (contact, companyIDs) = try await ContactService.create(accountID: caller.accountID, input,
                                                                    languages: account.supportedLanguages, on: request.db)
        return try created(ContactAPIDTO(contact, companyIDs: companyIDs))
    }

    /// `?email=` finds the contact with that address (case-insensitively).
    @Sendable
    func list(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let page = try PageRequest(from: request)
        let contacts = try await ContactService.list(accountID: caller.accountID, email: request.queryText("email"),
                                                     page: page, on: request.db)
        let companies = try await ContactService.companyIDs(of: contacts.items.compactMap(\.id), on: request.db)
        return try contacts.map { try ContactAPIDTO($0, companyIDs: companies[$0.requireID()] ?? []) }
            .response(for: request, pageRequest: page)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let contact = try await contact(request)
        return try ok(ContactAPIDTO(contact, companyIDs: try await storedCompanyIDs(of: contact, on: request.db)))
    }

    /// Changes what is given; `language: null` clears the preferred language, `company_ids` replaces the memberships.
    @Sendable
    func update(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let contact = try await contact(request)
        let account = try await request.account(of: caller)
        let input = try request.decodeBody(ContactInput.self)
        try await ContactService.update(contact, input, languages: account.supportedLanguages, on: request.db)
        return try ok(ContactAPIDTO(contact, companyIDs: try await storedCompanyIDs(of: contact, on: request.db)))
    }

    @Sendable
    func delete(request: Request) async throws -> HTTPStatus {
        try await ContactService.delete(try await contact(request), on: request.db)
        return .noContent
    }

    private func contact(_ request: Request) async throws -> Contact {
        let caller = try request.apiCaller
        guard let contact = try await ContactService.find(try request.id(notFound: .contactNotFound),
                                                          accountID: caller.accountID, on: request.db)
        else { throw AppError.contactNotFound }
        return contact
    }

    private func storedCompanyIDs(of contact: Contact, on db: any Database) async throws -> [Int] {
        let contactID = try contact.requireID()
        return try await ContactService.companyIDs(of: [contactID], on: db)[contactID] ?? []
    }
}

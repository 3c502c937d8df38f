import Fluent
import LanternCore
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
        let caller = try request.requireAgent()
        let account = try await request.account(of: caller)
        let input = try request.decodeBody(ContactInput.self)
        var errors = FieldErrors()
        let name = errors.text(input.name, "name", required: true)
        let email = Self.email(input.email, required: true, &errors)
        let language = errors.nullableLanguage(input.language, "language", supported: account.supportedLanguages)
        let companyIDs = try await errors.ownedIDs(input.company_ids, of: Company.self, "company_ids", accountID: caller.accountID, on: request.db)
        if let email { try await Self.checkEmailFree(email, accountID: caller.accountID, except: nil, on: request.db, &errors) }
        try errors.throwIfAny()
        let contact = Contact(accountID: caller.accountID, name: name!, email: email!, language: language ?? nil)
        let memberships = companyIDs ?? []
        try await answeringDuplicate("email") {
            try await request.db.writeTransaction { db in
                try await contact.create(on: db)
                try await Self.replaceCompanies(of: contact, with: memberships, on: db)
            }
        }
        return try created(ContactAPIDTO(contact, companyIDs: memberships))
    }

    /// `?email=` finds the contact with that address (case-insensitively).
    @Sendable
    func list(request: Request) async throws -> Response {
        let caller = try request.requireAgent()
        let page = try PageRequest(from: request)
        let query = Contact.query(on: request.db).filter(\.$accountID == caller.accountID)
        if let email = request.query[String.self, at: "email"] {
            if email.unicodeScalars.contains(where: { FieldErrors.isControl($0, allowingLineBreaks: false) }) {
                throw APIError.validation(["email": "must not contain control characters"])
            }
            query.filter(\.$email == email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
        }
        let contacts = try await query.sort(\.$id).offset(page.offset).limit(page.perPage + 1).all()
        let companies = try await Self.companyIDs(of: contacts.compactMap(\.id), on: request.db)
        return try Page(fetched: contacts, request: page)
            .map { try ContactAPIDTO($0, companyIDs: companies[$0.requireID()] ?? []) }
            .response(for: request, pageRequest: page)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let contact = try await contact(request)
        let contactID = try contact.requireID()
        return try ok(ContactAPIDTO(contact, companyIDs: try await Self.companyIDs(of: [contactID], on: request.db)[contactID] ?? []))
    }

    /// Changes what is given; `language: null` clears the preferred language, `company_ids` replaces the memberships.
    @Sendable
    func update(request: Request) async throws -> Response {
        let caller = try request.requireAgent()
        let contact = try await contact(request)
        let account = try await request.account(of: caller)
        let input = try request.decodeBody(ContactInput.self)
        var errors = FieldErrors()
        let name = errors.text(input.name, "name", required: false)
        let email = Self.email(input.email, required: false, &errors)
        let language = errors.nullableLanguage(input.language, "language", supported: account.supportedLanguages)
        let companyIDs = try await errors.ownedIDs(input.company_ids, of: Company.self, "company_ids", accountID: caller.accountID, on: request.db)
        if let email, email != contact.email {
            try await Self.checkEmailFree(email, accountID: caller.accountID, except: contact.id, on: request.db, &errors)
        }
        try errors.throwIfAny()
        if let name { contact.name = name }
        if let email { contact.email = email }
        if let language { contact.language = language }
        let memberships = companyIDs
        try await answeringDuplicate("email") {
            try await request.db.writeTransaction { db in
                try await contact.save(on: db)
                if let memberships { try await Self.replaceCompanies(of: contact, with: memberships, on: db) }
            }
        }
        let contactID = try contact.requireID()
        let stored = try await Self.companyIDs(of: [contactID], on: request.db)[contactID] ?? []
        return try ok(ContactAPIDTO(contact, companyIDs: stored))
    }

    @Sendable
    func delete(request: Request) async throws -> HTTPStatus {
        try await contact(request).delete(on: request.db)
        return .noContent
    }

    private func contact(_ request: Request) async throws -> Contact {
        let caller = try request.requireAgent()
        guard let contact = try await Contact.find(try request.id(notFound: .contactNotFound),
                                                   inAccount: caller.accountID, on: request.db)
        else { throw APIError.contactNotFound }
        return contact
    }

    /// The address, lower-cased; `nil` when absent or invalid.
    static func email(_ raw: String?, required: Bool, _ errors: inout FieldErrors) -> String? {
        guard let raw else {
            if required { errors.add("email", "is required") }
            return nil
        }
        guard let email = EmailAddress(raw) else {
            errors.add("email", "must be a valid e-mail address")
            return nil
        }
        return email.value
    }


    static func checkEmailFree(_ email: String, accountID: Int, except id: Int?, on db: any Database,
                                       _ errors: inout FieldErrors) async throws {
        var query = Contact.query(on: db).filter(\.$accountID == accountID).filter(\.$email == email)
        if let id { query = query.filter(\.$id != id) }
        if try await query.count() > 0 { errors.add("email", "is already taken") }
    }

    static func replaceCompanies(of contact: Contact, with companyIDs: [Int], on db: any Database) async throws {
        let contactID = try contact.requireID()
        try await CompanyMembership.query(on: db).filter(\.$contactID == contactID).delete()
        for companyID in companyIDs {
            try await CompanyMembership(accountID: contact.accountID, contactID: contactID, companyID: companyID).create(on: db)
        }
    }

    static func companyIDs(of contactIDs: [Int], on db: any Database) async throws -> [Int: [Int]] {
        guard !contactIDs.isEmpty else { return [:] }
        let memberships = try await CompanyMembership.query(on: db).filter(\.$contactID ~~ contactIDs).all()
        return Dictionary(grouping: memberships, by: \.contactID).mapValues { $0.map(\.companyID).sorted() }
    }
}

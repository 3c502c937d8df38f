import Fluent
import Foundation
import LanternCore
import SQLKit

/// Contacts: the account's customers, their preferred language and their companies. Creates, changes, deletes and
/// lists them for the admin API and the agent portal.
enum ContactService {
    /// One line of the portal's contact list.
    struct Summary: Sendable {
        let id: Int
        let name: String
        let email: String
        let language: String?
    }

    /// The contact of this id in the account, if any.
    static func find(_ id: Int, accountID: Int, on db: any Database) async throws -> Contact? {
        try await Contact.find(id, inAccount: accountID, on: db)
    }

    /// A page of the account's contacts by id; `email` keeps only the contact with that address (case-insensitively).
    /// The names of the account's contacts among `ids`, by id.
    static func names(of ids: Set<Int>, accountID: Int, on db: any Database) async throws -> [Int: String] {
        guard !ids.isEmpty else { return [:] }
        let contacts = try await Contact.query(on: db).filter(\.$accountID == accountID).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(contacts.compactMap { contact in contact.id.map { ($0, contact.name) } }, uniquingKeysWith: { first, _ in first })
    }

    static func list(accountID: Int, email: String?, page: PageRequest, on db: any Database) async throws -> Page<Contact> {
        let query = Contact.query(on: db).filter(\.$accountID == accountID)
        if let email {
            if email.unicodeScalars.contains(where: { FieldErrors.isControl($0, allowingLineBreaks: false) }) {
                throw AppError.validation(["email": "must not contain control characters"])
            }
            query.filter(\.$email == (EmailAddress.normalized(email) ?? email))
        }
        let contacts = try await query.sort(\.$id).offset(page.offset).limit(page.perPage + 1).all()
        return Page(fetched: contacts, request: page)
    }

    /// A page of the contacts whose name or e-mail contains `term` (case-insensitively), by name.
    static func search(accountID: Int, term: String, page: PageRequest, on db: any Database) async throws -> Page<Summary> {
        let pattern = LikePattern.containing(term)
        let rows = try await db.sql.raw("""
            SELECT id, name, email, language FROM contacts WHERE account_id = \(bind: accountID)
            AND (LOWER(name) LIKE \(bind: pattern) ESCAPE '\\' OR email LIKE \(bind: pattern) ESCAPE '\\')
            ORDER BY name, id LIMIT \(literal: page.perPage + 1) OFFSET \(literal: page.offset)
            """).all()
        let summaries = try rows.map { row in
            Summary(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                    email: try row.decode(column: "email", as: String.self),
                    language: try row.decode(column: "language", as: String?.self))
        }
        return Page(fetched: summaries, request: page)
    }

    /// Creates the contact and its memberships, or throws 422 `validation_failed` (name and a free e-mail address
    /// are required; the language must be one of `languages`). Returns the contact and its sorted company ids.
    static func create(accountID: Int, _ input: ContactInput, languages: [String],
                       on db: any Database) async throws -> (contact: Contact, companyIDs: [Int]) {
        var errors = FieldErrors()
        let name = errors.text(input.name, "name", required: true)
        let email = Self.email(input.email, required: true, &errors)
        let language = errors.nullableLanguage(input.language, "language", supported: languages)
        let companyIDs = try await errors.ownedIDs(input.company_ids, of: Company.self, "company_ids", accountID: accountID, on: db)
        if let email { try await checkEmailFree(email, accountID: accountID, except: nil, on: db, &errors) }
        try errors.throwIfAny()
        let contact = Contact(accountID: accountID, name: name!, email: email!, language: language ?? nil)
        let memberships = companyIDs ?? []
        try await answeringDuplicate("email") {
            try await db.writeTransaction { db in
                try await contact.create(on: db)
                try await replaceCompanies(of: contact, with: memberships, on: db)
            }
        }
        return (contact, memberships)
    }

    /// Changes what `input` gives and keeps the rest, or throws 422 `validation_failed` and changes nothing. With
    /// `nameAndEmailRequired` (a form that always has the fields) a missing name or e-mail is a problem rather than
    /// "unchanged"; `problems` holds what the caller found wrong while reading the input (a form's company id
    /// that is not a number), reported with the rest.
    static func update(_ contact: Contact, _ input: ContactInput, nameAndEmailRequired: Bool = false,
                       problems: FieldErrors = FieldErrors(), languages: [String], on db: any Database) async throws {
        var errors = problems
        let name = errors.text(input.name, "name", required: nameAndEmailRequired)
        let email = Self.email(input.email, required: nameAndEmailRequired, &errors)
        let language = errors.nullableLanguage(input.language, "language", supported: languages)
        let companyIDs = try await errors.ownedIDs(input.company_ids, of: Company.self, "company_ids",
                                                   accountID: contact.accountID, on: db)
        if let email, email != contact.email {
            try await checkEmailFree(email, accountID: contact.accountID, except: contact.id, on: db, &errors)
        }
        try errors.throwIfAny()
        if let name { contact.name = name }
        if let email { contact.email = email }
        if let language { contact.language = language }
        try await answeringDuplicate("email") {
            try await db.writeTransaction { db in
                try await contact.save(on: db)
                if let companyIDs { try await replaceCompanies(of: contact, with: companyIDs, on: db) }
            }
        }
    }

    /// Deletes the contact; its memberships go with it (foreign keys cascade).
    static func delete(_ contact: Contact, on db: any Database) async throws {
        try await contact.delete(on: db)
    }

    /// The sorted company ids of each of these contacts.
    static func companyIDs(of contactIDs: [Int], on db: any Database) async throws -> [Int: [Int]] {
        guard !contactIDs.isEmpty else { return [:] }
        let memberships = try await CompanyMembership.query(on: db).filter(\.$contactID ~~ contactIDs).all()
        return Dictionary(grouping: memberships, by: \.contactID).mapValues { $0.map(\.companyID).sorted() }
    }

    /// The address, lower-cased; `nil` when absent or invalid (then in `errors` under `email`).
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

    private static func checkEmailFree(_ email: String, accountID: Int, except id: Int?, on db: any Database,
                                       _ errors: inout FieldErrors) async throws {
        var query = Contact.query(on: db).filter(\.$accountID == accountID).filter(\.$email == email)
        if let id { query = query.filter(\.$id != id) }
        if try await query.count() > 0 { errors.add("email", "is already taken") }
    }

    private static func replaceCompanies(of contact: Contact, with companyIDs: [Int], on db: any Database) async throws {
        let contactID = try contact.requireID()
        try await CompanyMembership.query(on: db).filter(\.$contactID == contactID).delete()
        for companyID in companyIDs {
            try await CompanyMembership(accountID: contact.accountID, contactID: contactID, companyID: companyID).create(on: db)
        }
    }
}

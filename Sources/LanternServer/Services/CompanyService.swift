import Fluent
import Foundation
import LanternCore
import SQLKit

/// Companies: customer organisations with the e-mail domains whose contacts join them. Creates, changes, deletes
/// and lists them for the admin API and the agent portal.
enum CompanyService {
    static let maximumDomains = 50

    /// One line of the portal's company list.
    struct Summary: Sendable {
        let id: Int
        let name: String
        let contactCount: Int
    }

    /// A contact of a company, as its page lists them.
    struct Member: Sendable {
        let id: Int
        let name: String
        let email: String
    }

    /// The company of this id in the account, if any.
    static func find(_ id: Int, accountID: Int, on db: any Database) async throws -> Company? {
        try await Company.find(id, inAccount: accountID, on: db)
    }

    /// A page of the account's companies, by id.
    static func list(accountID: Int, page: PageRequest, on db: any Database) async throws -> Page<Company> {
        let companies = try await Company.query(on: db).filter(\.$accountID == accountID)
            .sort(\.$id).offset(page.offset).limit(page.perPage + 1).all()
        return Page(fetched: companies, request: page)
    }

    /// Every company of the account by name (at most 1,000): the choices of a membership or visibility form.
    static func allByName(accountID: Int, on db: any Database) async throws -> [Company] {
        try await Company.query(on: db).filter(\.$accountID == accountID).sort(\.$name).limit(1000).all()
    }

    /// A page of the companies whose name contains `term` (case-insensitively), by name, with their contact counts.
    static func search(accountID: Int, term: String, page: PageRequest, on db: any Database) async throws -> Page<Summary> {
        let rows = try await db.sql.raw("""
            SELECT c.id, c.name, (SELECT COUNT(*) FROM company_memberships m WHERE m.company_id = c.id) AS members
            FROM companies c WHERE c.account_id = \(bind: accountID) AND LOWER(c.name) LIKE \(bind: LikePattern.containing(term)) ESCAPE '\\'
            ORDER BY c.name, c.id LIMIT \(literal: page.perPage + 1) OFFSET \(literal: page.offset)
            """).all()
        let summaries = try rows.map { row in
            Summary(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                    contactCount: try row.decode(column: "members", as: Int.self))
        }
        return Page(fetched: summaries, request: page)
    }

    /// The company's contacts by name (at most 200).
    static func members(of companyID: Int, on db: any Database) async throws -> [Member] {
        let rows = try await db.sql.raw("""
            SELECT c.id, c.name, c.email FROM contacts c JOIN company_memberships m ON m.contact_id = c.id
            WHERE m.company_id = \(bind: companyID) ORDER BY c.name, c.id LIMIT 200
            """).all()
        return try rows.map { row in
            Member(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                   email: try row.decode(column: "email", as: String.self))
        }
    }

    /// Creates the company, or throws 422 `validation_failed` (a name is required and must be free).
    static func create(accountID: Int, _ input: CompanyInput, on db: any Database) async throws -> Company {
        var errors = FieldErrors()
        let name = errors.text(input.name, "name", required: true)
        let domains = Self.domains(input.domains, &errors) ?? []
        if let name { try await checkNameFree(name, accountID: accountID, except: nil, on: db, &errors) }
        try errors.throwIfAny()
        let company = Company(accountID: accountID, name: name!, domains: domains)
        try await answeringDuplicate("name") { try await company.create(on: db) }
        return company
    }

    /// Changes what `input` gives and keeps the rest, or throws 422 `validation_failed` and changes nothing. With
    /// `nameRequired` (a form that always has the field) a missing name is a problem rather than "unchanged".
    static func update(_ company: Company, _ input: CompanyInput, nameRequired: Bool = false, on db: any Database) async throws {
        var errors = FieldErrors()
        let name = errors.text(input.name, "name", required: nameRequired)
        let domains = Self.domains(input.domains, &errors)
        if let name, name != company.name {
            try await checkNameFree(name, accountID: company.accountID, except: company.id, on: db, &errors)
        }
        try errors.throwIfAny()
        if let name { company.name = name }
        if let domains { company.domains = domains }
        try await answeringDuplicate("name") { try await company.save(on: db) }
    }

    /// Deletes the company; its memberships and folder links go with it (foreign keys cascade).
    static func delete(_ company: Company, on db: any Database) async throws {
        try await company.delete(on: db)
    }

    /// Lower-cased, de-duplicated host names (at most 50); `nil` when absent or invalid.
    private static func domains(_ raw: [String]?, _ errors: inout FieldErrors) -> [String]? {
        guard let raw else { return nil }
        var domains: [String] = []
        for entry in raw {
            guard !entry.contains("@"), let domain = EmailAddress.normalizedDomain(entry) else {
                errors.add("domains", "contains \"\(entry)\", which is not a domain name such as example.com")
                return nil
            }
            if !domains.contains(domain) { domains.append(domain) }
        }
        guard domains.count <= maximumDomains else {
            errors.add("domains", "must list at most \(maximumDomains) domains")
            return nil
        }
        return domains
    }

    /// Adds "is already taken" to `name` when another company of the account has this name.
    private static func checkNameFree(_ name: String, accountID: Int, except id: Int?, on db: any Database,
                                      _ errors: inout FieldErrors) async throws {
        var query = Company.query(on: db).filter(\.$accountID == accountID).filter(\.$name == name)
        if let id { query = query.filter(\.$id != id) }
        if try await query.count() > 0 { errors.add("name", "is already taken") }
    }
}

import Fluent
import Foundation
import LanternCore

/// An account's ticket types: a list of names agents choose from, in order.
enum TicketTypeService {
    static let maximumCount = 50
    static let maximumNameLength = 64

    /// The account's type names, in order.
    static func names(accountID: Int, on db: any Database) async throws -> [String] {
        try await TicketType.query(on: db).filter(\.$accountID == accountID).sort(\.$position).all().map(\.name)
    }

    static func exists(_ name: String, accountID: Int, on db: any Database) async throws -> Bool {
        try await TicketType.query(on: db).filter(\.$accountID == accountID).filter(\.$name == name).first() != nil
    }

    /// Adds `name` at the end of the account's types unless it is there.
    static func ensure(_ name: String, accountID: Int, on db: any Database) async throws {
        guard try await !exists(name, accountID: accountID, on: db) else { return }
        let count = try await TicketType.query(on: db).filter(\.$accountID == accountID).count()
        // Another request adding it at the same moment trips the unique (account, name) index: it is there then.
        try? await TicketType(accountID: accountID, name: name, position: count).create(on: db)
    }

    /// Replaces the account's types with `names` (trimmed, in order), or throws 422 `validation_failed` naming
    /// `types`. Tickets keep a type that is no longer in the list until an agent changes it.
    static func replace(accountID: Int, with names: [String], on db: any Database) async throws -> [String] {
        let cleaned = names.map { $0.trimmingCharacters(in: .whitespaces) }
        if let problem = problem(cleaned) { throw AppError.validation(["types": problem]) }
        try await db.writeTransaction { db in
            try await TicketType.query(on: db).filter(\.$accountID == accountID).delete()
            for (position, name) in cleaned.enumerated() {
                try await TicketType(accountID: accountID, name: name, position: position).create(on: db)
            }
        }
        return cleaned
    }

    /// What is wrong with a list of type names, or nil.
    static func problem(_ names: [String]) -> String? {
        if names.count > maximumCount { return "must be at most \(maximumCount) types" }
        if names.contains(where: { $0.isEmpty || $0.count > maximumNameLength
            || $0.unicodeScalars.contains { FieldErrors.isControl($0, allowingLineBreaks: false) } }) {
            return "each type must be 1 to \(maximumNameLength) characters without control characters"
        }
        if Set(names.map { $0.lowercased() }).count != names.count { return "must not repeat a type" }
        return nil
    }
}

import Fluent

extension FieldErrors {
    /// A nullable language field: `nil` leave as it is (absent or invalid), `.some(nil)` clear, `.some(code)` set.
    mutating func nullableLanguage(_ field: NullableField<String>, _ name: String, supported: [String]) -> String?? {
        switch field {
        case .absent: return nil
        case .null: return .some(nil)
        case .value(let raw):
            guard let code = language(raw, name, supported: supported) else { return nil }
            return .some(code)
        }
    }

    /// Sorted, de-duplicated ids that must all name `Owned` rows of the account; `nil` when absent or invalid.
    mutating func ownedIDs<Owned: AccountScoped>(_ ids: [Int]?, of type: Owned.Type, _ name: String, accountID: Int,
                                                 on db: any Database) async throws -> [Int]? {
        guard let ids else { return nil }
        let unique = Array(Set(ids)).sorted()
        guard !unique.isEmpty else { return [] }
        let found = try await Owned.query(on: db).filter(\._$id ~~ unique).all().filter { $0.accountID == accountID }.count
        guard found == unique.count else {
            add(name, "must be \(Owned.schema.replacingOccurrences(of: "solution_", with: "")) of this account")
            return nil
        }
        return unique
    }
}

import Fluent

/// A model that belongs to one account. Looked up only within the caller's account: another account's ids
/// behave as if they did not exist.
protocol AccountScoped: Model where IDValue == Int {
    var accountID: Int { get }
}

extension AccountScoped {
    static func find(_ id: Int?, inAccount accountID: Int, on db: any Database) async throws -> Self? {
        guard let id, let model = try await find(id, on: db), model.accountID == accountID else { return nil }
        return model
    }
}

extension Agent: AccountScoped {}
extension Company: AccountScoped {}
extension Contact: AccountScoped {}
extension SolutionCategory: AccountScoped {}
extension SolutionFolder: AccountScoped {}
extension Article: AccountScoped {}
extension Widget: AccountScoped {}
extension Ticket: AccountScoped {}
extension TicketConversation: AccountScoped {}

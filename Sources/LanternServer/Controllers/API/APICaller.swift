import Fluent
import Foundation
import Vapor

/// Who is calling the JSON API, from their API key.
struct APICaller: Sendable {
    enum Role: Sendable { case admin, agent, bot, mail }

    let accountID: Int
    let role: Role
    let agentID: Int?
}

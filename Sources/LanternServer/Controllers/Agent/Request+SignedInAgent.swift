import Vapor

extension Request {
    /// The signed-in agent (set by `AgentSessionMiddleware`).
    var signedInAgent: PortalSessionService.SignedInAgent {
        get throws {
            guard let agent = storage[AgentSessionMiddleware.AgentKey.self] else { throw PortalError.csrf }
            return agent
        }
    }
}

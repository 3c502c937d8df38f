import Foundation
@testable import LanternServer

extension PortalSessionService.SignedInAgent {
    /// A signed-in agent built in memory (nothing stored), for rendering pages in their frame.
    static func viewTest(admin: Bool = true, name: String = "Ada Admin", csrf: String = "csrf-token") -> Self {
        let account = Account(name: "Test Co", defaultLanguage: "en", supportedLanguages: ["en", "fr"], sharedSecret: "s",
                              secretResetAt: Date())
        account.id = 1
        let agent = Agent(accountID: 1, name: name, email: "ada@test.example", passwordHash: "x", role: admin ? .admin : .agent)
        agent.id = 7
        let session = AgentSession(accountID: 1, agentID: 7, tokenDigest: "d", csrfToken: csrf, createdAt: Date(),
                                   expiresAt: Date().addingTimeInterval(3600))
        return Self(session: session, agent: agent, account: account)
    }
}

import Fluent

/// Every schema migration, in the order they apply. New versions append a folder and its migrations.
enum LanternMigrations {
    static let all: [any Migration] = [
        // v1: the whole product's data model.
        CreateAccounts(),
        CreateAgents(),
        CreateAPIKeys(),
        CreateCompanies(),
        CreateContacts(),
        CreateCompanyMemberships(),
        CreateSolutionCategories(),
        CreateSolutionFolders(),
        CreateFolderCompanies(),
        CreateArticles(),
        CreateArticleTranslations(),
        CreateArticleVotes(),
        CreateWidgets(),
        CreateWidgetCategories(),
        CreateTickets(),
        CreateWidgetSessionRevocations(),
        CreateIndexes(),
        // v2: full-text search.
        CreateArticleSearch(),
        // v3: ticket attachments, the ticket webhook.
        CreateTicketAttachments(),
        CreateTicketWebhooks(),
        CreateTicketIndexes(),
        // v4: agent and customer portal sessions, sign-in throttling.
        CreateAgentSessions(),
        CreateCustomerSessions(),
        CreateLoginAttempts(),
        // v5: the search version that keeps every process's in-memory search index in step.
        CreateSearchVersion(),
        // v6: one counted vote per visitor and article, and the per-address vote limit.
        CreateVoteVisitors(),
        // v7: the support loop (ticket properties, conversations, ticket types, webhook events).
        CreateConversations(),
        // v12: the search change log (in-place index updates) and PostgreSQL's change notifications.
        CreateSearchChanges(),
        CreateChangeNotifications(),
    ]
}

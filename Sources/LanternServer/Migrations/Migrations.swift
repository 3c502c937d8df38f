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
        // v8: mail (settings and reply-address keys, the outbox, received messages).
        CreateMail(),
        // v9: Freshdesk compatibility (widget ids, custom ticket fields, knowledge-base translations and counters).
        AddFreshdeskWidgetIDs(),
        CreateCustomTicketFields(),
        CreateContainerTranslations(),
        AddArticleDetails(),
        // v11: article drafts, revisions, scheduled publishing and article files.
        CreateArticleRevisions(),
        // v10: deflection (page rules, not-helpful answers) and analytics (events, daily aggregates). It applies
        // after v11, which shipped first; it depends on nothing v11 adds.
        CreateDeflection(),
        // v13: the Freshdesk importer's id map; article hits; each translation's status.
        CreateFreshdeskImportIDs(),
        AddArticleHits(),
        AddTranslationStatus(),
        // v12: the search change log (in-place index updates) and PostgreSQL's change notifications. It applies after
        // v13, which shipped first; it depends on nothing v13 adds.
        CreateSearchChanges(),
        CreateChangeNotifications(),
    ]
}

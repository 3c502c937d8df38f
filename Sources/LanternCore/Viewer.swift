

/// The identity on whose behalf content is read.
public enum Viewer: Sendable, Equatable {
    /// A visitor of the widget or portal who has not signed in.
    case anonymous
    /// A signed-in customer (contact) with the ids of the companies they belong to.
    case contact(companyIDs: Set<Int>)
    /// A support agent: sees every folder.
    case agent
    /// A bot API key: sees all-users and bots folders.
    case bot
}

/// When saving an article's translation must stop rather than overwrite: the save names the revision it started
/// from (`base_revision`), and someone else has saved that translation since. Newer revisions by the saver alone
/// (another tab of the same agent) are not a conflict; revisions by no agent (an admin key, the scheduler) are
/// someone else's.
public enum EditConflictRule {
    /// A revision of the translation after the base one: its number and who saved it.
    public struct Newer: Sendable, Equatable {
        public let number: Int
        public let agentID: Int?

        public init(number: Int, agentID: Int?) {
            self.number = number
            self.agentID = agentID
        }
    }

    /// The revision to tell the saver about (the latest one by someone else), or `nil` when the save may go ahead.
    public static func blocking(newer: [Newer], saver: Int?) -> Newer? {
        newer.filter { saver == nil || $0.agentID != saver }.max { $0.number < $1.number }
    }
}

import Fluent
import Foundation
import LanternCore
import SQLKit
import Vapor

/// What a search needs besides the query: the reader's typo corrector (the words of what they may see) and, with
/// the `memory` engine, the account's in-memory index when one of the current version is ready (`nil`: the
/// database's full-text search answers).
struct SearchTools: Sendable {
    let corrector: TypoCorrector
    let index: SearchIndex?

    /// The engine that answers with these tools.
    var engine: LanternSettings.SearchEngine { index == nil ? .database : .memory }
}

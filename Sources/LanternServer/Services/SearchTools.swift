import Fluent
import Foundation
import LanternCore
import SQLKit
import Vapor

/// What a search needs besides the query: the account's typo corrector and, with the `memory` engine, its
/// in-memory index when one of the current version is ready (`nil`: the database's full-text search answers).
struct SearchTools: Sendable {
    let corrector: TypoCorrector
    let index: SearchIndex?
}

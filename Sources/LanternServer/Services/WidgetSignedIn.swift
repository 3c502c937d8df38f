import Fluent
import Foundation
import LanternCore
import SQLKit
import Vapor

/// A signed-in widget caller: the verified contact behind a live session.
struct WidgetSignedIn: Sendable {
    let claims: WidgetSessionClaims
    let contact: ContactRecord

    var viewer: Viewer { .contact(companyIDs: Set(contact.companyIDs)) }
}

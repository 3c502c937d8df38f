import Fluent
import Foundation
import LanternCore
import SQLKit
import Vapor

/// A contact as widget requests need it: identity, preferred language and company memberships.
struct ContactRecord: Sendable, Equatable {
    let id: Int
    let name: String
    let email: String
    let language: String?
    let companyIDs: [Int]
}

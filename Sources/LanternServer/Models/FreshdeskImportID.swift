import Fluent
import Foundation

/// One imported Freshdesk object and the Lantern object it became (`FreshdeskImporter`).
final class FreshdeskImportID: Model, @unchecked Sendable {
    static let schema = "freshdesk_import_ids"

    /// What was imported. An article image (`article_image`) has no Freshdesk id: its `freshdesk_id` is the first
    /// 8 bytes of SHA-256 of the Lantern article id and the image's address (`FreshdeskImporter.imageKey`), its
    /// `lantern_id` the article file it became.
    enum Kind: String, Codable, Sendable, CaseIterable {
        case company, contact, category, folder, article, widget
        case articleImage = "article_image"
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "kind") var kindName: String
    @Field(key: "freshdesk_id") var freshdeskID: Int64
    @Field(key: "lantern_id") var lanternID: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(accountID: Int, kind: Kind, freshdeskID: Int64, lanternID: Int) {
        self.accountID = accountID
        self.kindName = kind.rawValue
        self.freshdeskID = freshdeskID
        self.lanternID = lanternID
    }
}

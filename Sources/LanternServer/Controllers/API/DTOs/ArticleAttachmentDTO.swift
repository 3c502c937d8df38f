import Vapor

/// A file uploaded into an article; `url` is what the article's HTML links to.
struct ArticleAttachmentDTO: Content {
    let id: Int
    let name: String
    let content_type: String
    let size: Int
    let url: String

    init(_ attachment: ArticleAttachment) throws {
        id = try attachment.requireID()
        name = attachment.filename
        content_type = attachment.contentType
        size = attachment.size
        url = attachment.path
    }
}

import Foundation

/// A ticket's or an entry's attachments as download links, the same in both portals.
enum TicketFileList {
    /// An attachment, downloaded by its position (counted over the whole ticket).
    struct File: Sendable, Equatable {
        let position: Int
        let filename: String
        let contentType: String
        let size: Int
    }

    /// A file size for people: bytes, KiB or MiB.
    static func size(_ bytes: Int) -> String {
        bytes < 1024 ? "\(bytes) bytes" : bytes < 1024 * 1024 ? "\((bytes + 512) / 1024) KiB" : String(format: "%.1f MiB", Double(bytes) / 1048576)
    }

    /// The list, each file linking to `{ticketPath}/attachments/{position}`; nothing for no files.
    static func render(_ files: [File], ticketPath: String) -> HTML {
        files.isEmpty ? .empty : """
            <ul class="attachments" aria-label="Attachments">\(files.html { file in
                "<li><a href=\"\(ticketPath)/attachments/\(file.position)\">\(file.filename)</a> <span class=\"muted\">\(file.contentType), \(size(file.size))</span></li>"
            })</ul>
            """
    }

    /// The files of `infos`, as the lists show them.
    static func files(_ infos: [TicketService.AttachmentInfo]) -> [File] {
        infos.map { File(position: $0.position, filename: $0.filename, contentType: $0.contentType, size: $0.size) }
    }
}

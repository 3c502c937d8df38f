/// Which files a ticket may carry: at most five, 10 MiB each and 20 MiB in all, of common document and image
/// types. The stored content type comes from the file's extension, never from what the client claims, and files
/// whose format has a signature (PDF, PNG, JPEG, GIF, WebP, ZIP-based Office files) must start with it.
public enum AttachmentPolicy {
    public static let maximumCount = 5
    public static let maximumFileBytes = 10 * 1024 * 1024
    public static let maximumTotalBytes = 20 * 1024 * 1024

    /// An attachment as received: its name, its size and its first bytes (at least `signatureBytes` of them when
    /// the file is that long), which is all the checks need, so a file can be checked while it is spooled to disk.
    public struct Upload: Sendable {
        public let filename: String
        public let size: Int
        public let head: [UInt8]

        public init(filename: String, size: Int, head: [UInt8]) {
            self.filename = filename
            self.size = size
            self.head = head
        }

        /// A whole file held in memory.
        public init(filename: String, bytes: [UInt8]) {
            self.init(filename: filename, size: bytes.count, head: Array(bytes.prefix(AttachmentPolicy.signatureBytes)))
        }
    }

    /// An accepted attachment, with its cleaned name and the content type it is served with.
    public struct Accepted: Sendable, Equatable {
        public let filename: String
        public let contentType: String
        public let size: Int
    }

    /// Why an upload is refused.
    public enum Refusal: Error, Equatable, Sendable {
        /// More than five files.
        case tooMany
        /// One file over 10 MiB, or all of them over 20 MiB.
        case tooLarge(String)
        /// Empty, an unknown type, or content that does not match its extension.
        case invalid(String)
    }

    /// The accepted types by extension.
    public static let contentTypes: [String: String] = [
        "pdf": "application/pdf",
        "txt": "text/plain", "log": "text/plain", "md": "text/markdown", "csv": "text/csv",
        "json": "application/json", "xml": "application/xml", "rtf": "application/rtf",
        "doc": "application/msword",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls": "application/vnd.ms-excel",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt": "application/vnd.ms-powerpoint",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt": "application/vnd.oasis.opendocument.text",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "odp": "application/vnd.oasis.opendocument.presentation",
        "zip": "application/zip",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
        "heic": "image/heic", "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff",
    ]

    /// How many leading bytes the signature checks read.
    public static let signatureBytes = 12

    private static let zipSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    private static let signatures: [String: [[UInt8]]] = [
        "pdf": [Array("%PDF-".utf8)],
        "png": [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]],
        "jpg": [[0xFF, 0xD8, 0xFF]], "jpeg": [[0xFF, 0xD8, 0xFF]],
        "gif": [Array("GIF87a".utf8), Array("GIF89a".utf8)],
        "zip": [zipSignature], "docx": [zipSignature], "xlsx": [zipSignature], "pptx": [zipSignature],
        "odt": [zipSignature], "ods": [zipSignature], "odp": [zipSignature],
    ]

    /// Checks every upload; the accepted files keep their order.
    public static func check(_ uploads: [Upload]) -> Result<[Accepted], Refusal> {
        guard uploads.count <= maximumCount else { return .failure(.tooMany) }
        var total = 0
        var accepted: [Accepted] = []
        for upload in uploads {
            if case .failure(let refusal) = checkSize(upload, runningTotal: total) { return .failure(refusal) }
            total += upload.size
            switch checkContent(upload) {
            case .success(let one): accepted.append(one)
            case .failure(let refusal): return .failure(refusal)
            }
        }
        return .success(accepted)
    }

    /// The size rules for one more file after `runningTotal` bytes of earlier ones: not empty, at most 10 MiB, at
    /// most 20 MiB with the others. A file being received can be checked with its size so far, before it ends.
    public static func checkSize(_ upload: Upload, runningTotal: Int) -> Result<Void, Refusal> {
        let name = cleanFilename(upload.filename)
        guard upload.size > 0 else { return .failure(.invalid("\(name) is empty")) }
        guard upload.size <= maximumFileBytes else { return .failure(.tooLarge("\(name) is larger than 10 MiB")) }
        guard runningTotal + upload.size <= maximumTotalBytes else {
            return .failure(.tooLarge("the attachments add up to more than 20 MiB"))
        }
        return .success(())
    }

    /// The type rules for one file: a known extension, and the signature its format starts with.
    public static func checkContent(_ upload: Upload) -> Result<Accepted, Refusal> {
        let name = cleanFilename(upload.filename)
        let fileExtension = Self.fileExtension(of: name)
        guard let contentType = contentTypes[fileExtension] else {
            return .failure(.invalid("\(name) is not an accepted type (documents, images, text, zip)"))
        }
        if let expected = signatures[fileExtension], !expected.contains(where: { upload.head.starts(with: $0) }) {
            return .failure(.invalid("\(name) is not a valid .\(fileExtension) file"))
        }
        if fileExtension == "webp", !(upload.head.starts(with: Array("RIFF".utf8)) && upload.head.count >= 12
                                      && Array(upload.head[8..<12]) == Array("WEBP".utf8)) {
            return .failure(.invalid("\(name) is not a valid .webp file"))
        }
        return .success(Accepted(filename: name, contentType: contentType, size: upload.size))
    }

    /// The last path component without control characters, quotes or path separators, at most 255 bytes;
    /// "attachment" when nothing is left.
    public static func cleanFilename(_ raw: String) -> String {
        let lastComponent = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var scalars = String.UnicodeScalarView()
        for scalar in lastComponent.unicodeScalars where scalar.value >= 0x20 && scalar.value != 0x7F && scalar != "\"" {
            scalars.append(scalar)
        }
        var name = String(scalars).trimmedOfWhitespace
        while name.hasPrefix(".") { name.removeFirst() }
        while name.utf8.count > 255 { name.removeFirst() }
        return name.isEmpty ? "attachment" : name
    }

    static func fileExtension(of name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return "" }
        return String(name[name.index(after: dot)...]).lowercased()
    }
}

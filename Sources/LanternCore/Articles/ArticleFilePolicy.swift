/// Which files an article may carry: images a browser shows (PNG, JPEG, GIF, WebP) and the documents a ticket may
/// carry (PDF, text, office files, zip), one at a time, at most 10 MiB. SVG is refused (it can carry script), and so
/// are the image types browsers do not show inline (HEIC, BMP, TIFF). Signatures are checked as for tickets.
public enum ArticleFilePolicy {
    public static let maximumFileBytes = AttachmentPolicy.maximumFileBytes
    /// Shown inline in articles (`<img>`).
    public static let imageTypes: Set<String> = ["image/png", "image/jpeg", "image/gif", "image/webp"]
    static let refusedExtensions: Set<String> = ["heic", "bmp", "tif", "tiff"]

    /// The accepted file, or why it is refused.
    public static func check(_ upload: AttachmentPolicy.Upload) -> Result<AttachmentPolicy.Accepted, AttachmentPolicy.Refusal> {
        if case .failure(let refusal) = AttachmentPolicy.checkSize(upload, runningTotal: 0) { return .failure(refusal) }
        let name = AttachmentPolicy.cleanFilename(upload.filename)
        guard !refusedExtensions.contains(AttachmentPolicy.fileExtension(of: name)) else {
            return .failure(.invalid("\(name) is not an accepted type (PNG, JPEG, GIF or WebP images; PDF, text, office documents, zip)"))
        }
        switch AttachmentPolicy.checkContent(upload) {
        case .success(let accepted): return .success(accepted)
        case .failure(.invalid(let reason)) where !reason.contains("not a valid"):
            return .failure(.invalid("\(name) is not an accepted type (PNG, JPEG, GIF or WebP images; PDF, text, office documents, zip)"))
        case .failure(let refusal): return .failure(refusal)
        }
    }

    /// Whether a file of this type is shown inline rather than downloaded.
    public static func isImage(_ contentType: String) -> Bool { imageTypes.contains(contentType) }
}

import Foundation

/// Texts from another help desk, made to fit Lantern's rules instead of being refused: control characters out,
/// white space trimmed, cut to a maximum length (with `…`). Each function says whether it had to shorten.
public enum ImportedText {
    /// A name or title: one line, at most `maximum` characters; line breaks and tabs become spaces.
    public static func line(_ raw: String?, maximum: Int) -> (text: String, shortened: Bool) {
        let scalars = (raw ?? "").unicodeScalars.map { scalar -> Unicode.Scalar in
            scalar == "\n" || scalar == "\r" || scalar == "\t" ? " " : scalar
        }.filter { !isControl($0) }
        return cut(String(String.UnicodeScalarView(scalars)).trimmingCharacters(in: .whitespaces), maximum: maximum)
    }

    /// A description: line breaks and tabs kept, other control characters dropped, at most `maximum` characters.
    public static func block(_ raw: String?, maximum: Int) -> (text: String, shortened: Bool) {
        let scalars = (raw ?? "").unicodeScalars.filter { $0 == "\n" || $0 == "\r" || $0 == "\t" || !isControl($0) }
        return cut(String(String.UnicodeScalarView(scalars)).trimmingCharacters(in: .whitespacesAndNewlines), maximum: maximum)
    }

    /// HTML with its control characters (other than tabs and line breaks) dropped.
    public static func html(_ raw: String?) -> String {
        String(String.UnicodeScalarView((raw ?? "").unicodeScalars.filter { $0 == "\n" || $0 == "\r" || $0 == "\t" || !isControl($0) }))
    }

    /// The name of a folder at `path` (its parents first): `Parent / Child`, at most `maximum` characters.
    public static func folderName(_ path: [String], maximum: Int) -> (text: String, shortened: Bool) {
        line(path.filter { !$0.isEmpty }.joined(separator: " / "), maximum: maximum)
    }

    /// Tags: trimmed, one line, without blanks and repeats, each at most `maximumLength` characters, at most
    /// `maximumCount` of them; `changed` when any had to go or be cut.
    public static func tags(_ raw: [String]?, maximumCount: Int, maximumLength: Int) -> (tags: [String], changed: Bool) {
        var tags: [String] = []
        var changed = false
        for tag in raw ?? [] {
            let (text, shortened) = line(tag, maximum: maximumLength)
            changed = changed || shortened || text != tag
            guard !text.isEmpty, !tags.contains(text) else { changed = true; continue }
            guard tags.count < maximumCount else { changed = true; break }
            tags.append(text)
        }
        return (tags, changed)
    }

    private static func cut(_ text: String, maximum: Int) -> (text: String, shortened: Bool) {
        guard text.count > maximum else { return (text, false) }
        return (String(text.prefix(maximum - 1)).trimmingCharacters(in: .whitespaces) + "…", true)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F
    }
}

/// The character sets mail arrives in: UTF-8, US-ASCII, ISO-8859-1, ISO-8859-15 and Windows-1252 (what Outlook
/// writes when it says ISO-8859-1, so ISO-8859-1 is read as Windows-1252, as browsers do). Any other label is read as UTF-8 when the bytes are valid UTF-8, else as
/// Windows-1252, so that text is never lost to an unknown label.
public enum MailCharset {
    /// `bytes` as text in the charset `label` (any case, `"utf-8"`, `"latin1"`, `"cp1252"`, …).
    public static func decode(_ bytes: some Collection<UInt8>, charset label: String?) -> String {
        switch normalized(label) {
        case "utf-8", "us-ascii":
            return String(decoding: bytes, as: UTF8.self)
        case "iso-8859-15":
            return String(String.UnicodeScalarView(bytes.map { latin9[$0] ?? Unicode.Scalar($0) }))
        case "windows-1252", "iso-8859-1":
            // Outlook labels Windows-1252 text ISO-8859-1 ("It=92s"); like browsers (WHATWG), read one as the other.
            return windows1252(bytes)
        default:
            let array = Array(bytes)
            if let text = String(validating: array, as: UTF8.self) { return text }
            return windows1252(array)
        }
    }

    /// The canonical name of a label Lantern knows, else the label in lower case (`nil` reads as US-ASCII).
    static func normalized(_ label: String?) -> String {
        guard let label else { return "us-ascii" }
        let lower = label.trimmedOfWhitespace.lowercased()
        switch lower {
        case "utf-8", "utf8": return "utf-8"
        case "us-ascii", "ascii", "ansi_x3.4-1968", "us": return "us-ascii"
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "iso-ir-100", "cp819": return "iso-8859-1"
        case "iso-8859-15", "iso8859-15", "latin9", "latin-9": return "iso-8859-15"
        case "windows-1252", "cp1252", "x-cp1252", "win-1252": return "windows-1252"
        default: return lower
        }
    }

    /// Windows-1252: Latin-1 with printable characters in 0x80–0x9F (five codes there are unassigned and kept as
    /// the C1 control of the same number).
    private static func windows1252(_ bytes: some Collection<UInt8>) -> String {
        String(String.UnicodeScalarView(bytes.map { byte in
            guard (0x80...0x9F).contains(byte), let mapped = cp1252High[Int(byte) - 0x80] else { return Unicode.Scalar(byte) }
            return mapped
        }))
    }

    private static let cp1252High: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]

    /// The eight places where ISO-8859-15 differs from ISO-8859-1.
    private static let latin9: [UInt8: Unicode.Scalar] = [
        0xA4: "\u{20AC}", 0xA6: "\u{0160}", 0xA8: "\u{0161}", 0xB4: "\u{017D}",
        0xB8: "\u{017E}", 0xBC: "\u{0152}", 0xBD: "\u{0153}", 0xBE: "\u{0178}",
    ]
}

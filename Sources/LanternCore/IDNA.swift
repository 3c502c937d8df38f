import Foundation

/// Domain names in their ASCII form, as DNS and mail see them: IDNA2008 (RFC 5890–5892) with the UTS #46 mapping
/// as far as real addresses need it. A label with a non-ASCII character has its letters lower-cased and is put in
/// NFC, checked, and Punycode-encoded as an A-label (`xn--…`); an ASCII label is lower-cased, and an A-label must
/// decode to a valid label that encodes back to it. A non-ASCII character that lower-casing or NFC would turn
/// into ASCII (the Kelvin sign, fullwidth letters, …) is refused, never mapped: it must not match an ASCII name.
/// Not checked: the Bidi rule (RFC 5893) and the contextual rules that need script or joining-type data, whose
/// characters (Greek keraia, Hebrew geresh and gershayim, katakana middle dot, ZWNJ outside a virama) are refused.
enum IDNA {
    /// `domain` with every label in ASCII and lower case; `nil` for an invalid label, an empty label (so no
    /// trailing dot) or a name longer than DNS allows (63 bytes a label, 253 in all).
    static func asciiDomain(_ domain: String) -> String? {
        var labels: [String] = []
        for label in domain.unicodeScalars.split(separator: ".", omittingEmptySubsequences: false) {
            guard let ascii = asciiLabel(label) else { return nil }
            labels.append(ascii)
        }
        let ascii = labels.joined(separator: ".")
        return ascii.utf8.count <= 253 ? ascii : nil
    }

    private static func asciiLabel(_ label: Substring.UnicodeScalarView) -> String? {
        guard label.allSatisfy(\.isASCII) else {
            var mapped = String.UnicodeScalarView()
            for scalar in label {
                let lower = scalar.isASCII ? [scalar.asciiLowercased] : Array(scalar.properties.lowercaseMapping.unicodeScalars)
                guard scalar.isASCII || !nfc(lower).contains(where: \.isASCII) else { return nil }
                mapped.append(contentsOf: lower)
            }
            let unicode = nfc(Array(mapped))
            guard isValid(unicode) else { return nil }
            let aLabel = "xn--" + Punycode.encode(unicode)
            return aLabel.utf8.count <= 63 ? aLabel : nil
        }
        let ascii = String(String.UnicodeScalarView(label.map(\.asciiLowercased)))
        guard (1...63).contains(ascii.utf8.count), ascii.first != "-", ascii.last != "-",
              ascii.unicodeScalars.allSatisfy({ $0.isASCIIAlphanumeric || $0 == "-" }) else { return nil }
        guard ascii.hasPrefix("xn--") else { return hasHyphensInThirdAndFourth(Array(ascii.unicodeScalars)) ? nil : ascii }
        guard let unicode = Punycode.decode(ascii.dropFirst(4)), unicode.contains(where: { !$0.isASCII }),
              isValid(unicode), Punycode.encode(unicode) == ascii.dropFirst(4) else { return nil }
        return ascii
    }

    /// A U-label by RFC 5891 §5.4: in NFC, no hyphen at either end or in the third and fourth positions, not
    /// starting with a combining mark, and every code point valid (lower-case LDH or PVALID) or allowed in context.
    private static func isValid(_ label: [Unicode.Scalar]) -> Bool {
        guard let first = label.first, first != "-", label.last != "-", !hasHyphensInThirdAndFourth(label),
              ![.nonspacingMark, .spacingMark, .enclosingMark].contains(first.properties.generalCategory),
              nfc(label) == label else { return false }
        for (index, scalar) in label.enumerated() {
            if scalar.isASCII {
                guard scalar == "-" || scalar.isASCIIAlphanumeric && scalar.asciiLowercased == scalar else { return false }
                continue
            }
            switch status(scalar) {
            case .valid: continue
            case .disallowed: return false
            case .contextual:
                guard allowedInContext(scalar, at: index, of: label) else { return false }
            }
        }
        return true
    }

    private static func hasHyphensInThirdAndFourth(_ label: [Unicode.Scalar]) -> Bool {
        label.count >= 4 && label[2] == "-" && label[3] == "-"
    }

    private enum Status { case valid, contextual, disallowed }

    /// The IDNA2008 status of a non-ASCII code point, derived from its Unicode properties by the rules of
    /// RFC 5892 §3 in their order: exceptions, unassigned, join controls, unstable under NFKC case folding,
    /// ignorable properties and blocks, old Hangul jamo; then letters, digits and marks are valid.
    private static func status(_ scalar: Unicode.Scalar) -> Status {
        let properties = scalar.properties
        switch scalar.value {
        case 0xDF, 0x3C2, 0x6FD, 0x6FE, 0xF0B, 0x3007: return .valid
        case 0xB7, 0x375, 0x5F3, 0x5F4, 0x30FB, 0x660...0x669, 0x6F0...0x6F9, 0x200C, 0x200D: return .contextual
        case 0x640, 0x7FA, 0x302E, 0x302F, 0x3031...0x3035, 0x303B: return .disallowed
        case 0x20D0...0x20FF, 0x1D100...0x1D24F, 0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF: return .disallowed
        default: break
        }
        guard properties.generalCategory != .unassigned, !properties.changesWhenNFKCCaseFolded,
              !properties.isDefaultIgnorableCodePoint, !properties.isWhitespace, !properties.isNoncharacterCodePoint else {
            return .disallowed
        }
        switch properties.generalCategory {
        case .lowercaseLetter, .uppercaseLetter, .otherLetter, .decimalNumber, .modifierLetter, .nonspacingMark,
             .spacingMark:
            return .valid
        default:
            return .disallowed
        }
    }

    /// The contextual rules of RFC 5892 Appendix A that need no script data: a middle dot between two `l`s
    /// (Catalan), a joiner after a virama, and Arabic-Indic digits of one set only.
    private static func allowedInContext(_ scalar: Unicode.Scalar, at index: Int, of label: [Unicode.Scalar]) -> Bool {
        switch scalar.value {
        case 0xB7:
            return index > 0 && index + 1 < label.count && label[index - 1] == "l" && label[index + 1] == "l"
        case 0x200C, 0x200D:
            return index > 0 && label[index - 1].properties.canonicalCombiningClass == .virama
        case 0x660...0x669:
            return !label.contains { (0x6F0...0x6F9).contains($0.value) }
        case 0x6F0...0x6F9:
            return !label.contains { (0x660...0x669).contains($0.value) }
        default:
            return false
        }
    }

    private static func nfc(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        Array(String(String.UnicodeScalarView(scalars)).precomposedStringWithCanonicalMapping.unicodeScalars)
    }
}

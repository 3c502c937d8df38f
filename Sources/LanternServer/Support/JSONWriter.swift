/// JSON written straight into bytes, for responses where Foundation's `JSONEncoder` cost more than the work behind
/// them (the search hits every keystroke of type-ahead asks for) or whose bytes must not vary (`JSONEncoder` orders keys
/// differently from call to call). Strings are escaped as RFC 8259 requires
/// (quote, backslash, control characters); everything else is written as it is.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Punctuation and key names: written as given, never escaped.
    mutating func punctuation(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `"key":value` inside an object, after a comma unless it is the object's first member.
    mutating func member(_ key: StaticString, _ value: Int, first: Bool = false) {
        self.key(key, first: first)
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func member(_ key: StaticString, _ value: String, first: Bool = false) {
        self.key(key, first: first)
        string(value)
    }

    private mutating func key(_ key: StaticString, first: Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        punctuation(key)
        punctuation("\":")
    }

    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): punctuation("\\\"")
            case UInt8(ascii: "\\"): punctuation("\\\\")
            case 0x0A: punctuation("\\n")
            case 0x0D: punctuation("\\r")
            case 0x09: punctuation("\\t")
            case 0..<0x20:
                punctuation("\\u00")
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

/// What may go into an HTTP header value built from input: no control character (CR and LF end a header line and
/// would let the rest start another header or the body; NUL, the other C0 controls and DEL are refused alike).
public enum HeaderValue {
    /// Whether `value` has no control character (tab included: Lantern never needs one in a header it builds).
    public static func isSafe(_ value: String) -> Bool {
        value.unicodeScalars.allSatisfy { !isControl($0) }
    }

    /// `value` with each control character replaced by `replacement` (for a value that must be kept, such as a
    /// file name).
    public static func replacingControls(in value: String, with replacement: Character = "_") -> String {
        String(value.unicodeScalars.map { isControl($0) ? replacement : Character($0) })
    }

    /// C0 controls, DEL and the C1 controls.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}

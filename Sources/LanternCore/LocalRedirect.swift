/// Where a sign-in may send the browser next (`next`, `redirect_to`): a path of this site under one prefix, never
/// another site and never a header's worth of anything else.
public enum LocalRedirect {
    /// `candidate` when it is a path under `prefix` (the prefix itself, or followed by `/`, `?` or `#`) made only of
    /// visible ASCII (no control character, space or non-ASCII letter, so it cannot end the `Location` header),
    /// not protocol-relative (`//`), without a backslash, and not under any of `excluded`; otherwise `nil`.
    public static func path(_ candidate: String?, under prefix: String, excluding excluded: [String] = []) -> String? {
        guard let candidate, isVisibleASCII(candidate), !candidate.hasPrefix("//"), !candidate.contains("\\"),
              isUnder(candidate, prefix), !excluded.contains(where: { isUnder(candidate, $0) })
        else { return nil }
        return candidate
    }

    private static func isVisibleASCII(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }

    private static func isUnder(_ path: String, _ prefix: String) -> Bool {
        guard path.hasPrefix(prefix) else { return false }
        guard let next = path.dropFirst(prefix.count).first else { return true }
        return next == "/" || next == "?" || next == "#"
    }
}

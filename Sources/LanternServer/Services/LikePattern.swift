import Foundation

/// The `LIKE … ESCAPE '\'` pattern of the portal's searches by name or e-mail.
enum LikePattern {
    /// Matches text that contains `term`, lower-cased, its wildcards (`%`, `_`) taken literally.
    static func containing(_ term: String) -> String {
        let escaped = term.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        return "%" + escaped + "%"
    }
}

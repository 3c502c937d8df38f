/// The sentence an agent-portal page's error box shows when its form came back with problems, e.g.
/// "Please correct: Name must not be blank; Visibility must be …." Fields are named as the forms label them.
enum FormErrorSummary {
    static let fieldNames = [
        "name": "Name", "description": "Body / description", "title": "Title", "visibility": "Visibility",
        "company_ids": "Companies", "language": "Language", "tags": "Tags", "folder_id": "Folder", "category_id": "Category",
        "email": "E-mail", "password": "Password", "domains": "Domains", "allowed_origins": "Allowed origins",
        "default_language": "Default language", "category_ids": "Categories", "role": "Role",
    ]

    /// The summary of these problems (by field), `nil` when there are none.
    static func text(_ fields: [String: String]?) -> String? {
        guard let fields, !fields.isEmpty else { return nil }
        return "Please correct: " + fields.keys.sorted().map { "\(fieldNames[$0] ?? $0) \(fields[$0]!)" }.joined(separator: "; ") + "."
    }
}

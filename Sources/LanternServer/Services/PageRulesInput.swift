/// A widget's page rules as the admin API and the portal's form give them: `{"rules": [{"match", "pattern",
/// "articles"} or {"match", "pattern", "search"}]}`, first match wins.
struct PageRulesInput: Decodable, Sendable {
    struct Rule: Decodable, Sendable {
        let match: String?
        let pattern: String?
        let articles: [Int]?
        let search: String?
    }

    let rules: [Rule]?
}



/// A demo folder: a group of articles sharing one visibility setting.
struct DemoFolder: Sendable {
    let name: String
    let description: String
    let visibility: DemoVisibility
    /// Domains of the companies that may see a `.selectedCompanies` folder ("acme.example", "globex.example"); empty otherwise.
    let companyDomains: [String]
    let articles: [DemoArticle]
}

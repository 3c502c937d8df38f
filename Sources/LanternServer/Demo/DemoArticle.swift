

/// A demo help-center article with its English content and any translations.
struct DemoArticle: Sendable {
    /// English title.
    let title: String
    /// English HTML body.
    let body: String
    let tags: [String]
    /// French ("fr") translation for most articles; empty for a few English-only ones.
    let translations: [DemoTranslation]
}



/// One translation of a demo article: a language code plus the translated title and HTML body.
struct DemoTranslation: Sendable {
    let language: String
    let title: String
    let body: String
}

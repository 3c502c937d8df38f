

/// A demo category: a top-level section of the knowledge base containing folders.
struct DemoCategory: Sendable {
    let name: String
    let description: String
    let folders: [DemoFolder]
}

import Logging

/// Wraps a log handler so that debug and trace messages come only from Lantern's own code. Below `info`, the
/// libraries underneath log what would leak secrets: the database drivers log bound values (shared secrets,
/// password hashes, API key digests) and Vapor logs raw request bodies (sign-in tokens). Lantern's own messages
/// never carry a secret, token or password at any level.
public struct SafeLogHandler: LogHandler {
    private var wrapped: any LogHandler
    static let ownSources: Set<String> = ["LanternServer", "lantern", "LanternCore"]

    public init(wrapping handler: any LogHandler) {
        wrapped = handler
    }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    public func log(event: LogEvent) {
        guard event.level >= .info || Self.ownSources.contains(event.source) else { return }
        wrapped.log(event: event)
    }
}

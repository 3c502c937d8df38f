import Foundation

/// Where Lantern keeps its data, read from `DATABASE_URL`.
public enum DatabaseLocation: Equatable, Sendable {
    /// An SQLite file (WAL mode).
    case sqlite(path: String)
    /// A PostgreSQL server, as a `postgres://` / `postgresql://` URL.
    case postgres(url: String)

    public static let defaultSQLitePath = "lantern.sqlite"

    /// The error for a `DATABASE_URL` Lantern cannot use.
    public struct InvalidURL: Error, CustomStringConvertible {
        public let description: String
    }

    /// Unset or empty means `lantern.sqlite` in the working directory; `sqlite:PATH` another SQLite file;
    /// `postgres://…` / `postgresql://…` a PostgreSQL server.
    public init(databaseURL: String?) throws {
        guard let raw = databaseURL?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            self = .sqlite(path: Self.defaultSQLitePath)
            return
        }
        if raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://") {
            guard let url = URL(string: raw), url.host != nil else {
                throw InvalidURL(description: "DATABASE_URL is not a valid PostgreSQL URL (postgres://user:password@host:port/database).")
            }
            self = .postgres(url: raw)
        } else if raw.hasPrefix("sqlite:") {
            var path = String(raw.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else {
                throw InvalidURL(description: "DATABASE_URL sqlite: needs a file path, e.g. sqlite:/var/lib/lantern/lantern.sqlite.")
            }
            self = .sqlite(path: path)
        } else {
            throw InvalidURL(description: "DATABASE_URL must start with sqlite:, postgres:// or postgresql:// (unset means the SQLite file lantern.sqlite).")
        }
    }

    /// `sqlite` or `postgres`, as reported by `/healthz`.
    public var kind: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres: "postgres"
        }
    }
}

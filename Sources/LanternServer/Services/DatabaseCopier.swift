import Fluent
import Foundation
import SQLKit
import Vapor

/// Moves an install from SQLite to PostgreSQL: migrates both databases to the current schema, then copies every
/// row of every table, keeping ids, in one PostgreSQL transaction (a failure copies nothing). The target must be
/// empty. Tables are copied parents first, following PostgreSQL's own foreign keys, and each value is converted to
/// the target column's type (SQLite keeps booleans as integers, arrays as JSON text).
public enum DatabaseCopier {
    /// Rows copied, by table.
    public struct Summary: Codable, Sendable {
        public let tables: [String: Int]
    }

    public struct TargetNotEmpty: Error, CustomStringConvertible {
        public let description = "The target PostgreSQL database already has accounts; copy into an empty database."
    }

    static let batchSize = 200

    public static func copy(fromSQLite sourcePath: String, toPostgres targetURL: String, bcryptCost: Int = 12) async throws -> Summary {
        try await LanternApp.withApplication(settings: LanternSettings(database: .sqlite(path: sourcePath), bcryptCost: bcryptCost)) { source in
            try await LanternServer.migrate(source)
            return try await LanternApp.withApplication(settings: LanternSettings(database: .postgres(url: targetURL), bcryptCost: bcryptCost)) { target in
                try await LanternServer.migrate(target)
                return try await copyRows(from: source.db.sql, to: target.db)
            }
        }
    }

    private struct Column {
        let name: String
        let type: String
    }

    private static func copyRows(from source: any SQLDatabase, to target: any Database) async throws -> Summary {
        let targetSQL = target.sql
        guard try await targetSQL.raw("SELECT count(*) AS n FROM accounts").first()?.decode(column: "n", as: Int.self) == 0 else {
            throw TargetNotEmpty()
        }
        let tables = try await tablesParentsFirst(targetSQL)
        let counts = try await target.transaction { transaction in
            var counts: [String: Int] = [:]
            let sql = transaction.sql
            for table in tables {
                let columns = try await sql.raw("""
                    SELECT column_name, data_type FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = \(bind: table) AND is_generated = 'NEVER'
                    ORDER BY ordinal_position
                    """).all().map { Column(name: try $0.decode(column: "column_name", as: String.self),
                                            type: try $0.decode(column: "data_type", as: String.self)) }
                var copied = 0
                var lastID = Int.min
                while true {
                    let rows = try await source.raw("""
                        SELECT * FROM \(ident: table) WHERE id > \(bind: lastID) ORDER BY id LIMIT \(literal: batchSize)
                        """).all()
                    guard !rows.isEmpty else { break }
                    for row in rows {
                        var insert = sql.insert(into: table).columns(columns.map(\.name))
                        insert = insert.values(try columns.map { try value(of: $0, in: row) })
                        try await insert.run()
                        lastID = try row.decode(column: "id", as: Int.self)
                    }
                    copied += rows.count
                }
                if columns.contains(where: { $0.name == "id" }) {
                    try await sql.raw("""
                        SELECT setval(pg_get_serial_sequence(\(bind: table), 'id'), GREATEST((SELECT max(id) FROM \(ident: table)), 1))
                        """).run()
                }
                counts[table] = copied
            }
            return counts
        }
        return Summary(tables: counts)
    }

    /// The target's tables (Fluent's migration log and the search change log, which the target's triggers write,
    /// excepted), each after the tables it references.
    private static func tablesParentsFirst(_ sql: any SQLDatabase) async throws -> [String] {
        let tables = try await sql.raw("""
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
              AND table_name NOT IN ('_fluent_migrations', 'search_changes')
            ORDER BY table_name
            """).all().map { try $0.decode(column: "table_name", as: String.self) }
        let references = try await sql.raw("""
            SELECT DISTINCT child.relname AS child, parent.relname AS parent FROM pg_constraint c
            JOIN pg_class child ON child.oid = c.conrelid JOIN pg_class parent ON parent.oid = c.confrelid
            WHERE c.contype = 'f'
            """).all().map { (try $0.decode(column: "child", as: String.self), try $0.decode(column: "parent", as: String.self)) }
        var parents: [String: Set<String>] = [:]
        for (child, parent) in references where child != parent { parents[child, default: []].insert(parent) }
        var ordered: [String] = []
        var placed: Set<String> = []
        while ordered.count < tables.count {
            let ready = tables.filter { !placed.contains($0) && (parents[$0] ?? []).isSubset(of: placed) }
            guard !ready.isEmpty else { throw Abort(.internalServerError, reason: "Circular foreign keys between tables.") }
            ordered += ready
            placed.formUnion(ready)
        }
        return ordered
    }

    /// A source value converted to what the target column holds.
    private static func value(of column: Column, in row: any SQLRow) throws -> any SQLExpression {
        if try row.decodeNil(column: column.name) { return SQLLiteral.null }
        switch column.type {
        case "integer", "bigint", "smallint":
            return SQLBind(try row.decode(column: column.name, as: Int.self))
        case "boolean":
            return SQLBind(try row.decode(column: column.name, as: Bool.self))
        case "double precision", "real", "numeric":
            return SQLBind(try row.decode(column: column.name, as: Double.self))
        case "timestamp with time zone", "timestamp without time zone", "date":
            return SQLBind(try row.decode(column: column.name, as: Date.self))
        case "bytea":
            return SQLBind(try row.decode(column: column.name, as: Data.self))
        case "ARRAY":
            return SQLBind(try row.decode(column: column.name, as: [String].self))
        case "jsonb", "json":
            return SQLBind(try row.decode(column: column.name, as: String.self))
        default:
            return SQLBind(try row.decode(column: column.name, as: String.self))
        }
    }
}

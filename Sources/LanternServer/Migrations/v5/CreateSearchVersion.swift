import Fluent
import SQLKit

/// `accounts.search_version`: a counter the database itself raises on every change that can alter what a search
/// finds or who may see it (translations, publishing, moves, folder visibility and companies, deletions). Every
/// server process compares it with the version its in-memory search index was built from, so the indexes of all
/// processes follow every write, whatever made it (the API, the portal, a bulk import straight into the database).
struct CreateSearchVersion: AsyncMigration {
    /// (table, trigger events) whose rows carry `account_id`; votes (`articles.thumbs_*`) do not count.
    static let watched: [(table: String, name: String, events: [String])] = [
        ("article_translations", "translations", ["INSERT", "DELETE", "UPDATE"]),
        ("articles", "articles", ["INSERT", "DELETE", "UPDATE OF status, folder_id, primary_language"]),
        ("solution_folders", "folders", ["DELETE", "UPDATE OF visibility, category_id"]),
        ("folder_companies", "folder_companies", ["INSERT", "DELETE", "UPDATE"]),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(Account.schema).field("search_version", .int64, .required, .sql(.default(0))).update()
        let sql = database.sql
        if database.isSQLite {
            for (table, name, events) in Self.watched {
                for event in events {
                    let row = event == "DELETE" ? "old" : "new"
                    try await sql.raw("""
                        CREATE TRIGGER \(unsafeRaw: Self.triggerName(name, event)) AFTER \(unsafeRaw: event) ON \(unsafeRaw: table) BEGIN
                            UPDATE accounts SET search_version = search_version + 1 WHERE id = \(unsafeRaw: row).account_id;
                        END
                        """).run()
                }
            }
        } else {
            try await sql.raw("""
                CREATE OR REPLACE FUNCTION lantern_raise_search_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE accounts SET search_version = search_version + 1
                    WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.account_id ELSE NEW.account_id END;
                    RETURN NULL;
                END
                $$
                """).run()
            for (table, name, events) in Self.watched {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: "search_version_" + name) AFTER \(unsafeRaw: events.joined(separator: " OR ")) ON \(unsafeRaw: table)
                    FOR EACH ROW EXECUTE FUNCTION lantern_raise_search_version()
                    """).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        for (table, name, events) in Self.watched {
            if database.isSQLite {
                for event in events { try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: Self.triggerName(name, event))").run() }
            } else {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "search_version_" + name) ON \(unsafeRaw: table)").run()
            }
        }
        if !database.isSQLite { try await sql.raw("DROP FUNCTION IF EXISTS lantern_raise_search_version()").run() }
        try await database.schema(Account.schema).deleteField("search_version").update()
    }

    private static func triggerName(_ name: String, _ event: String) -> String {
        "search_version_\(name)_\(event.split(separator: " ")[0].lowercased())"
    }
}

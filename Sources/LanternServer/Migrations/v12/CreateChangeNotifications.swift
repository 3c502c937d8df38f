import Fluent
import SQLKit

/// PostgreSQL only: a notification on channel `lantern_changes`, carrying the account id, whenever an account, a
/// widget or a widget's categories change (and so whenever an account's `search_version` is raised). Each server
/// process listens (`ChangeListener`) and drops what it keeps in memory of that account, so that widget records
/// and search versions can be kept in memory on PostgreSQL too. SQLite needs none: a process there sees any
/// commit in the file itself (`SQLiteFileCache`).
struct CreateChangeNotifications: AsyncMigration {
    /// The channel the notifications are sent on.
    static let channel = "lantern_changes"
    static let watched = ["accounts", "widgets", "widget_categories"]

    func prepare(on database: any Database) async throws {
        guard !database.isSQLite else { return }
        let sql = database.sql
        try await sql.raw("""
            CREATE OR REPLACE FUNCTION lantern_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                changed RECORD;
            BEGIN
                IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
                IF TG_TABLE_NAME = 'accounts' THEN
                    PERFORM pg_notify('\(unsafeRaw: Self.channel)', changed.id::text);
                ELSE
                    PERFORM pg_notify('\(unsafeRaw: Self.channel)', changed.account_id::text);
                END IF;
                RETURN NULL;
            END
            $$
            """).run()
        for table in Self.watched {
            try await sql.raw("""
                CREATE TRIGGER \(unsafeRaw: "notify_" + table) AFTER INSERT OR UPDATE OR DELETE ON \(unsafeRaw: table)
                FOR EACH ROW EXECUTE FUNCTION lantern_notify_change()
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard !database.isSQLite else { return }
        for table in Self.watched {
            try await database.sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "notify_" + table) ON \(unsafeRaw: table)").run()
        }
        try await database.sql.raw("DROP FUNCTION IF EXISTS lantern_notify_change()").run()
    }
}

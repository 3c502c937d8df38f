import Fluent
import SQLKit

/// `search_changes`: what each raise of `accounts.search_version` was about (the article, or the folder, that
/// changed), written by the same triggers in the same transaction. A process whose in-memory search structures
/// are at version V reads the rows after V and updates only those articles and folders in place, instead of
/// rebuilding the account's index. Each account keeps its last `kept` changes: a process further behind (or one
/// that finds a version missing) builds afresh.
struct CreateSearchChanges: AsyncMigration {
    /// Changes kept per account.
    static let kept = 10_000

    func prepare(on database: any Database) async throws {
        let sql = database.sql
        if database.isSQLite {
            try await sql.raw("""
                CREATE TABLE search_changes (account_id INTEGER NOT NULL, version INTEGER NOT NULL, article_id INTEGER,
                                             folder_id INTEGER, PRIMARY KEY (account_id, version)) WITHOUT ROWID
                """).run()
            try await replaceSQLiteTriggers(logging: true, on: sql)
        } else {
            try await sql.raw("""
                CREATE TABLE search_changes (account_id INTEGER NOT NULL, version BIGINT NOT NULL, article_id INTEGER,
                                             folder_id INTEGER, PRIMARY KEY (account_id, version))
                """).run()
            try await sql.raw("""
                CREATE OR REPLACE FUNCTION lantern_raise_search_version() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    changed RECORD;
                    raised BIGINT;
                    article INTEGER;
                    folder INTEGER;
                BEGIN
                    IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
                    UPDATE accounts SET search_version = search_version + 1 WHERE id = changed.account_id
                    RETURNING search_version INTO raised;
                    IF raised IS NULL THEN RETURN NULL; END IF;
                    IF TG_TABLE_NAME = 'article_translations' THEN article := changed.article_id;
                    ELSIF TG_TABLE_NAME = 'articles' THEN article := changed.id;
                    ELSIF TG_TABLE_NAME = 'solution_folders' THEN folder := changed.id;
                    ELSE folder := changed.folder_id;
                    END IF;
                    INSERT INTO search_changes (account_id, version, article_id, folder_id) VALUES (changed.account_id, raised, article, folder);
                    DELETE FROM search_changes WHERE account_id = changed.account_id AND version <= raised - \(unsafeRaw: String(Self.kept));
                    RETURN NULL;
                END
                $$
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        if database.isSQLite {
            try await replaceSQLiteTriggers(logging: false, on: sql)
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
        }
        try await sql.raw("DROP TABLE IF EXISTS search_changes").run()
    }

    /// SQLite's triggers of `CreateSearchVersion`, made again with (or, to revert, without) the change's row.
    private func replaceSQLiteTriggers(logging: Bool, on sql: any SQLDatabase) async throws {
        for (table, name, events) in CreateSearchVersion.watched {
            for event in events {
                let row = event == "DELETE" ? "old" : "new"
                let trigger = "search_version_\(name)_\(event.split(separator: " ")[0].lowercased())"
                let (article, folder) = switch table {
                case "article_translations": ("\(row).article_id", "NULL")
                case "articles": ("\(row).id", "NULL")
                case "solution_folders": ("NULL", "\(row).id")
                default: ("NULL", "\(row).folder_id")
                }
                let log = logging ? """
                    INSERT INTO search_changes (account_id, version, article_id, folder_id)
                        SELECT id, search_version, \(article), \(folder) FROM accounts WHERE id = \(row).account_id;
                    DELETE FROM search_changes WHERE account_id = \(row).account_id
                        AND version <= (SELECT search_version FROM accounts WHERE id = \(row).account_id) - \(Self.kept);
                    """ : ""
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger)").run()
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: trigger) AFTER \(unsafeRaw: event) ON \(unsafeRaw: table) BEGIN
                        UPDATE accounts SET search_version = search_version + 1 WHERE id = \(unsafeRaw: row).account_id;
                        \(unsafeRaw: log)
                    END
                    """).run()
            }
        }
    }
}

import Fluent
import SQLKit

/// The full-text index over article translations, kept in step by the database itself on every insert, update
/// and delete (cascades included). SQLite: an FTS5 table (porter stemming, diacritics removed) fed by triggers.
/// PostgreSQL: a generated, weighted tsvector column (title A, body B) and a title-only one, each with a GIN
/// index, stemmed per language.
struct CreateArticleSearch: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ArticleTranslation.schema)
            .field("body_text", .string, .required, .sql(.default("")))
            .update()
        try await database.schema(ArticleTranslation.schema)
            .field("search_title", .string, .required, .sql(.default("")))
            .update()
        try await database.schema(ArticleTranslation.schema)
            .field("search_body", .string, .required, .sql(.default("")))
            .update()
        let sql = database.sql
        if database.isSQLite {
            for statement in Self.sqliteStatements { try await sql.raw(SQLQueryString(statement)).run() }
        } else {
            for statement in Self.postgresStatements { try await sql.raw(SQLQueryString(statement)).run() }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        if database.isSQLite {
            for statement in [
                "DROP TRIGGER IF EXISTS article_search_insert", "DROP TRIGGER IF EXISTS article_search_delete",
                "DROP TRIGGER IF EXISTS article_search_update", "DROP TABLE IF EXISTS article_search",
                "ALTER TABLE article_translations DROP COLUMN search_scope",
            ] { try await sql.raw(SQLQueryString(statement)).run() }
        } else {
            try await sql.raw("DROP INDEX IF EXISTS idx_translations_title_search").run()
            try await sql.raw("ALTER TABLE article_translations DROP COLUMN IF EXISTS title_vector").run()
            try await sql.raw("DROP INDEX IF EXISTS idx_translations_search").run()
            try await sql.raw("ALTER TABLE article_translations DROP COLUMN IF EXISTS search_vector").run()
            try await sql.raw("DROP FUNCTION IF EXISTS lantern_ts_config(text)").run()
        }
        for column in ["search_body", "search_title", "body_text"] {
            try await sql.raw("ALTER TABLE article_translations DROP COLUMN \(unsafeRaw: column)").run()
        }
    }

    /// The FTS5 index also indexes `search_scope` ("a" and the account id), so that a search reads only its own
    /// account's postings: candidate limits then never let another tenant's articles crowd out its own.
    static let sqliteStatements = [
        "ALTER TABLE article_translations ADD COLUMN search_scope TEXT GENERATED ALWAYS AS ('a' || account_id) VIRTUAL",
        """
        CREATE VIRTUAL TABLE article_search USING fts5(
            search_title, search_body, search_scope, content='article_translations', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2'
        )
        """,
        """
        CREATE TRIGGER article_search_insert AFTER INSERT ON article_translations BEGIN
            INSERT INTO article_search(rowid, search_title, search_body, search_scope)
            VALUES (new.id, new.search_title, new.search_body, new.search_scope);
        END
        """,
        """
        CREATE TRIGGER article_search_delete AFTER DELETE ON article_translations BEGIN
            INSERT INTO article_search(article_search, rowid, search_title, search_body, search_scope)
            VALUES ('delete', old.id, old.search_title, old.search_body, old.search_scope);
        END
        """,
        """
        CREATE TRIGGER article_search_update AFTER UPDATE OF search_title, search_body ON article_translations BEGIN
            INSERT INTO article_search(article_search, rowid, search_title, search_body, search_scope)
            VALUES ('delete', old.id, old.search_title, old.search_body, old.search_scope);
            INSERT INTO article_search(rowid, search_title, search_body, search_scope)
            VALUES (new.id, new.search_title, new.search_body, new.search_scope);
        END
        """,
        "INSERT INTO article_search(article_search) VALUES ('rebuild')",
    ]

    /// Text search configurations by base language; anything else is indexed without stemming.
    static let postgresConfigurations = [
        "en": "english", "fr": "french", "de": "german", "es": "spanish", "it": "italian", "nl": "dutch",
        "pt": "portuguese", "sv": "swedish", "da": "danish", "nb": "norwegian", "fi": "finnish", "hu": "hungarian",
        "ro": "romanian", "ru": "russian", "tr": "turkish",
    ]

    static var postgresStatements: [String] {
        let cases = postgresConfigurations.sorted { $0.key < $1.key }
            .map { "WHEN '\($0.key)' THEN '\($0.value)'::regconfig" }.joined(separator: " ")
        return [
            """
            CREATE OR REPLACE FUNCTION lantern_ts_config(language text) RETURNS regconfig
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT CASE split_part(language, '-', 1) \(cases) ELSE 'simple'::regconfig END
            $$
            """,
            """
            ALTER TABLE article_translations ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector(lantern_ts_config(language), search_title), 'A') ||
                setweight(to_tsvector(lantern_ts_config(language), search_body), 'B')
            ) STORED
            """,
            "CREATE INDEX idx_translations_search ON article_translations USING GIN (search_vector)",
            // Titles alone, so that ranking title matches never reads the (large) body vectors.
            """
            ALTER TABLE article_translations ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
                to_tsvector(lantern_ts_config(language), search_title)
            ) STORED
            """,
            "CREATE INDEX idx_translations_title_search ON article_translations USING GIN (title_vector)",
        ]
    }
}

"""Generates a large knowledge base straight into a Lantern database, for search benchmarks.

A Zipf-distributed vocabulary (like real text: a few very common words, a long tail of rare ones), articles of
a few hundred words in three languages, folders of mixed visibility, and a query set of one to three words
drawn from article titles, the last one cut short as a visitor types it.

Usage: generate.py --database sqlite:/path.sqlite|postgres://... --account-id N --articles 10000 --queries out.txt
The account must exist (make it with `lantern setup`); the database must be migrated.
"""
import argparse
import bisect
import itertools
import random
import subprocess
import sys

LANGUAGES = {
    "en": ["ba", "ce", "di", "fo", "gu", "ha", "ki", "lo", "me", "nu", "pa", "ri", "so", "ta", "ve", "wi"],
    "fr": ["bou", "cha", "dé", "fi", "gné", "lou", "mai", "né", "pie", "qua", "ré", "sé", "tou", "vé"],
    "de": ["bau", "ch", "dor", "fel", "gen", "hau", "kin", "lich", "mer", "nig", "sch", "ter", "ung", "wal"],
}
VOCABULARY_SIZE = 20_000


def vocabulary(language, rng):
    syllables = LANGUAGES[language]
    words, seen = [], set()
    while len(words) < VOCABULARY_SIZE:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    weights = list(itertools.accumulate(1 / (rank + 1) ** 1.07 for rank in range(VOCABULARY_SIZE)))
    return words, weights


def draw(words, weights, rng, count):
    total = weights[-1]
    return [words[bisect.bisect_left(weights, rng.random() * total)] for _ in range(count)]


def fold(text):
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


def rows(args, rng):
    vocab = {language: vocabulary(language, rng) for language in LANGUAGES}
    folders = []  # (category_index, visibility)
    for index in range(max(10, args.articles // 200)):
        visibility = rng.choices([1, 2, 3, 4, 5], weights=[60, 15, 10, 10, 5])[0]
        folders.append((index % 10, visibility))
    articles, translations, titles = [], [], []
    for number in range(args.articles):
        folder = rng.randrange(len(folders))
        primary = rng.choices(["en", "fr", "de"], weights=[70, 20, 10])[0]
        languages = [primary] + [lang for lang in LANGUAGES if lang != primary and rng.random() < 0.15]
        articles.append((number, folder, primary))
        for language in languages:
            words, weights = vocab[language]
            # Titles lean on the middle of the distribution: real titles use topical words, not "the".
            title_words = [words[min(VOCABULARY_SIZE - 1, int(rng.paretovariate(0.9) * 20))] for _ in range(rng.randint(3, 7))]
            body = " ".join(draw(words, weights, rng, rng.randint(200, 400)))
            title = " ".join(title_words).capitalize()
            translations.append((number, language, title, body))
            if language == "en" and primary == "en":
                titles.append(title_words)
    return folders, articles, translations, titles


def queries(titles, rng, count):
    out = []
    for _ in range(count):
        words = rng.choice(titles)
        picked = rng.sample(words, min(len(words), rng.randint(1, 3)))
        last = picked[-1]
        picked[-1] = last[: max(3, len(last) - rng.randint(0, 2))]
        out.append(" ".join(picked))
    return out


def sql_literal(value):
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return str(value)


def main(quiet=False):
    """Generates what the command line asks for; returns the queries."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--account-id", type=int, required=True)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folders, articles, translations, titles = rows(args, rng)
    made = queries(titles, rng, 2000)
    with open(args.queries, "w") as out:
        out.write("\n".join(made) + "\n")

    account = args.account_id
    statements = ["BEGIN;"]
    domains = "'[\"bench.example\"]'" if args.database.startswith("sqlite:") else "ARRAY['bench.example']"
    statements.append(f"INSERT INTO companies (account_id, name, domains) VALUES ({account}, 'Bench Co', {domains});")
    for index in range(10):
        statements.append(f"INSERT INTO solution_categories (account_id, name, description, position) VALUES ({account}, 'Category {index}', '', {index});")
    is_sqlite = args.database.startswith("sqlite:")
    category_ids = f"(SELECT id FROM solution_categories WHERE account_id = {account} AND name = 'Category %d')"
    for index, (category, visibility) in enumerate(folders):
        statements.append(f"INSERT INTO solution_folders (account_id, category_id, name, description, visibility, position) VALUES ({account}, {category_ids % category}, 'Folder {index}', '', {visibility}, {index});")
        if visibility == 4:
            statements.append(f"INSERT INTO folder_companies (account_id, folder_id, company_id) SELECT {account}, f.id, c.id FROM solution_folders f, companies c WHERE f.account_id = {account} AND f.name = 'Folder {index}' AND c.account_id = {account};")
    statements.append("COMMIT;")
    run_sql(args.database, "\n".join(statements))

    # Articles and translations in bulk, folder ids looked up by name once.
    folder_ids = query_column(args.database, f"SELECT id FROM solution_folders WHERE account_id = {account} ORDER BY position")
    empty_tags = "'[]'" if is_sqlite else "ARRAY[]::text[]"
    now = "CURRENT_TIMESTAMP"
    batch = ["BEGIN;"]
    base_id = int(query_column(args.database, "SELECT COALESCE(MAX(id), 0) FROM articles")[0])
    for number, folder, primary in articles:
        batch.append(f"INSERT INTO articles (id, account_id, folder_id, status, primary_language, tags, thumbs_up, thumbs_down, created_at, updated_at) VALUES ({base_id + number + 1}, {account}, {folder_ids[folder]}, 2, '{primary}', {empty_tags}, {rng.randint(0, 50)}, {rng.randint(0, 10)}, {now}, {now});")
    for number, language, title, body in translations:
        html = "<p>" + body + "</p>"
        batch.append(f"INSERT INTO article_translations (account_id, article_id, language, title, description, body_text, search_title, search_body, created_at, updated_at) VALUES ({account}, {base_id + number + 1}, '{language}', {sql_literal(title)}, {sql_literal(html)}, {sql_literal(body)}, {sql_literal(fold(title))}, {sql_literal(fold(body))}, {now}, {now});")
    batch.append("COMMIT;")
    # In transactions of a few thousand rows: one script for 100,000 articles is too large for SQLite's API.
    body = batch[1:-1]
    for start in range(0, len(body), 5000):
        run_sql(args.database, "\n".join(["BEGIN;"] + body[start:start + 5000] + ["COMMIT;"]))
    if not is_sqlite:
        run_sql(args.database, "SELECT setval(pg_get_serial_sequence('articles', 'id'), (SELECT MAX(id) FROM articles));\nANALYZE;")
    if not quiet:
        print(f"generated {len(articles)} articles, {len(translations)} translations, {len(folders)} folders", file=sys.stderr)
    return made


def run_sql(database, script):
    if database.startswith("sqlite:"):
        import sqlite3
        connection = sqlite3.connect(database[len("sqlite:"):], isolation_level=None)
        connection.executescript(script)
        connection.close()
    else:
        subprocess.run(["psql", "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", database], input=script.encode(), check=True,
                       stdout=subprocess.DEVNULL)


def query_column(database, query):
    if database.startswith("sqlite:"):
        import sqlite3
        connection = sqlite3.connect(database[len("sqlite:"):])
        values = [row[0] for row in connection.execute(query)]
        connection.close()
        return values
    output = subprocess.run(["psql", "--no-psqlrc", "-At", database, "-c", query], check=True, capture_output=True).stdout.decode()
    return [line for line in output.splitlines() if line]


if __name__ == "__main__":
    main()

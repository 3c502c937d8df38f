"""Fills `analytics_events` with generated visitor events straight in the database, for the report benchmark: one
INSERT … SELECT over a number series (a recursive CTE on SQLite, generate_series on PostgreSQL), so 10 million rows
take a minute, not an hour of HTTP.

Every visit has 8 events on one UTC day: a search (2,000 queries, the low ones far more frequent; 1 in 10 finds
nothing), a result click on it, article views and a vote, suggestions shown (from three page rules or popular) and
sometimes opened, and for some visits the contact form and a ticket. Article ids are the account's.

Usage: generate.py --database sqlite:/path.sqlite|postgres://... --account-id N --widget-id W --events 10000000 --days 30
Prints the expected number of searches (the report's `searches`) on standard output.
"""
import argparse
import subprocess
import time


def expressions(args, first_article, articles, sqlite):
    per_day = args.events // args.days
    day = f"({args.first_day} + i / {per_day})"
    visit = "(i / 8)"
    h = "((i * 2654435761) % 1000003)"
    vh = f"(({visit} * 7919) % 1000003)"
    q = f"(({vh} % 2000) * ({vh} % 2000) / 2000)"
    query = f"('query ' || {q})"
    article = f"({first_article} + {h} % {articles})"
    pos = "(i % 8)"
    kind = f"""CASE {pos} WHEN 0 THEN 'search' WHEN 1 THEN 'result_click' WHEN 2 THEN 'article_view' WHEN 3 THEN 'vote'
        WHEN 4 THEN 'suggestion_shown' WHEN 5 THEN (CASE WHEN {h} % 4 = 0 THEN 'suggestion_click' ELSE 'article_view' END)
        WHEN 6 THEN (CASE WHEN {visit} % 5 = 0 THEN 'contact_form_opened' ELSE 'search' END)
        ELSE (CASE WHEN {visit} % 10 = 0 THEN 'ticket_sent' ELSE 'article_view' END) END"""
    is_search = f"({pos} = 0 OR ({pos} = 6 AND {visit} % 5 <> 0))"
    rule = f"CASE {visit} % 4 WHEN 0 THEN 'glob /billing/*' WHEN 1 THEN 'prefix /account' WHEN 2 THEN 'regex ^/help/(faq|contact)' ELSE NULL END"
    occurred = f"({day} * 86400.0 + (i % {per_day}) * 86400.0 / {per_day})"
    occurred_at = occurred if sqlite else f"to_timestamp({occurred})"
    true, false = ("1", "0") if sqlite else ("true", "false")
    return f"""{args.account_id}, {args.widget_id}, {day}, {occurred_at}, 'v' || {visit}, {false},
        {kind},
        CASE WHEN {is_search} OR {pos} = 1 THEN {query} ELSE NULL END,
        CASE WHEN {is_search} THEN (CASE WHEN {vh} % 10 = 0 THEN 0 ELSE 1 + {h} % 20 END) ELSE NULL END,
        CASE WHEN {is_search} THEN 'memory' ELSE NULL END,
        CASE WHEN {pos} IN (1, 5) THEN 1 + {h} % 5 ELSE NULL END,
        CASE WHEN {pos} IN (1, 2, 3, 5, 7) THEN {article} ELSE NULL END,
        CASE WHEN {pos} = 3 THEN (CASE WHEN {h} % 3 = 0 THEN {false} ELSE {true} END) ELSE NULL END,
        CASE WHEN {pos} IN (4, 5) THEN (CASE WHEN {rule} IS NULL THEN 'popular' ELSE 'rule' END) ELSE NULL END,
        CASE WHEN {pos} IN (4, 5) THEN {rule} ELSE NULL END"""


COLUMNS = "account_id, widget_id, day, occurred_at, visit, signed_in, kind, query, results, engine, rank, article_id, helpful, source, rule"


# The days just filled were final already (the search rounds' server rolled up today and yesterday, and a day rolled
# up after it ended is never rolled up again): events written after the fact make every day due once more.
FORGET_ROLLUPS = "DELETE FROM analytics_rollups"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--account-id", type=int, required=True)
    parser.add_argument("--widget-id", type=int, required=True)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--days", type=int, default=30)
    args = parser.parse_args()
    args.events -= args.events % (args.days * 8)
    args.first_day = int(time.time() // 86400) - args.days + 1
    sqlite = args.database.startswith("sqlite:")
    if sqlite:
        import sqlite3
        db = sqlite3.connect(args.database[len("sqlite:"):])
        first, count = db.execute("SELECT MIN(id), COUNT(*) FROM articles WHERE account_id = ?", (args.account_id,)).fetchone()
        db.execute(f"""WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {args.events - 1})
            INSERT INTO analytics_events ({COLUMNS}) SELECT {expressions(args, first, count, True)} FROM n""")
        db.execute(FORGET_ROLLUPS)
        db.commit()
        searches = db.execute("SELECT COUNT(*) FROM analytics_events WHERE account_id = ? AND kind = 'search'", (args.account_id,)).fetchone()[0]
    else:
        def psql(sql):
            return subprocess.run(["psql", "--quiet", "--no-psqlrc", "-At", "-v", "ON_ERROR_STOP=1", args.database], input=sql.encode(),
                                  check=True, stdout=subprocess.PIPE).stdout.decode().strip()
        first, count = psql(f"SELECT MIN(id) || ' ' || COUNT(*) FROM articles WHERE account_id = {args.account_id}").split()
        psql(f"""INSERT INTO analytics_events ({COLUMNS})
            SELECT {expressions(args, int(first), int(count), False)} FROM generate_series(CAST(0 AS BIGINT), {args.events - 1}) AS i;
            {FORGET_ROLLUPS};
            ANALYZE analytics_events;""")
        searches = int(psql(f"SELECT COUNT(*) FROM analytics_events WHERE account_id = {args.account_id} AND kind = 'search'"))
    print(searches)


if __name__ == "__main__":
    main()

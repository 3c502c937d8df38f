"""Generates many small accounts' knowledge bases straight into a Lantern database, for the memory-budget benchmark.

Makes `--accounts` accounts (each with a widget, like `lantern setup`, but in bulk) of `--articles` articles each,
drawn from generate.py's Zipf vocabulary, and writes the query set as lines of `WIDGET<TAB>QUERY` (queries drawn
from each account's own titles), accounts in order of popularity: the first is searched most.

Usage: tenants.py --database sqlite:/path.sqlite|postgres://... --accounts 1000 --articles 200 --queries out.tsv
The database must be migrated.
"""
import argparse
import random
import sys

import generate


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    # One vocabulary per language for every account (making it is most of generate.py's time for a small account).
    made, vocabularies = generate.vocabulary, {}
    generate.vocabulary = lambda language, _: vocabularies.setdefault(language, made(language, random.Random(language)))
    is_sqlite = args.database.startswith("sqlite:")
    languages = "'[\"en\",\"fr\",\"de\"]'" if is_sqlite else "ARRAY['en','fr','de']"
    origins = "'[]'" if is_sqlite else "ARRAY[]::text[]"
    no = "0" if is_sqlite else "false"
    first = int(generate.query_column(args.database, "SELECT COALESCE(MAX(id), 0) FROM accounts")[0]) + 1
    statements = ["BEGIN;"]
    for number in range(args.accounts):
        account = first + number
        secret = "".join(rng.choice("0123456789abcdef") for _ in range(64))
        statements.append(f"INSERT INTO accounts (id, name, default_language, supported_languages, shared_secret, secret_reset_at, created_at) "
                          f"VALUES ({account}, 'Tenant {account}', 'en', {languages}, '{secret}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);")
        statements.append(f"INSERT INTO widgets (account_id, name, contact_form_enabled, contact_form_logged_in_only, allowed_origins, created_at, updated_at) "
                          f"VALUES ({account}, 'Widget', {no}, {no}, {origins}, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);")
    statements.append("COMMIT;")
    generate.run_sql(args.database, "\n".join(statements))
    if not is_sqlite:
        generate.run_sql(args.database, "SELECT setval(pg_get_serial_sequence('accounts', 'id'), (SELECT MAX(id) FROM accounts));")
    widgets = {int(row.split("|")[0]): int(row.split("|")[1]) for row in generate.query_column(
        args.database, f"SELECT account_id || '|' || id FROM widgets WHERE account_id >= {first}")}
    lines = []
    for number in range(args.accounts):
        account = first + number
        sys.argv = ["generate.py", "--database", args.database, "--account-id", str(account), "--articles", str(args.articles),
                    "--queries", "/dev/null", "--seed", str(args.seed + account)]
        queries = generate.main(quiet=True)
        lines += [f"{widgets[account]}\t{query}" for query in queries[:20]]
    with open(args.queries, "w") as out:
        out.write("\n".join(lines) + "\n")
    print(f"generated {args.accounts} accounts of {args.articles} articles", file=sys.stderr)


if __name__ == "__main__":
    main()

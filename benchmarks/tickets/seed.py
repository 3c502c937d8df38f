#!/usr/bin/env python3
"""Seeds an account with N tickets of 5 conversation entries each, straight into the database (SQLite file or
PostgreSQL URL), in the shapes Lantern's migrations create: statuses, priorities and assignees spread evenly,
creation and update times spread over the past, every fifth entry a private note.
Usage: seed.py --database URL --account-id A --agent-id G --widget-id W [--tickets 100000]"""
import argparse
import subprocess


def run_sql(database, script):
    if database.startswith("sqlite:"):
        import sqlite3
        connection = sqlite3.connect(database[len("sqlite:"):], isolation_level=None)
        connection.executescript(script)
        connection.close()
    else:
        subprocess.run(["psql", "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", database], input=script.encode(),
                       check=True, stdout=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--account-id", type=int, required=True)
    parser.add_argument("--agent-id", type=int, required=True)
    parser.add_argument("--widget-id", type=int, required=True)
    parser.add_argument("--tickets", type=int, default=100_000)
    args = parser.parse_args()
    sqlite = args.database.startswith("sqlite:")
    a, g, w, n = args.account_id, args.agent_id, args.widget_id, args.tickets
    if sqlite:
        numbers = f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n})"
        ago = lambda seconds: f"(CAST(strftime('%s', 'now') AS INTEGER) - ({seconds}))"
        source, false, true = "n", "0", "1"
    else:
        numbers = ""
        ago = lambda seconds: f"to_timestamp(extract(epoch FROM now()) - ({seconds}))"
        source, false, true = f"generate_series(1, {n}) AS n(i)", "false", "true"
    run_sql(args.database, f"""
BEGIN;
{numbers}
INSERT INTO tickets (account_id, widget_id, name, email, subject, description, verified, requester_ip, created_at,
                     status, priority, source, tags, updated_at, responder_id)
SELECT {a}, {w}, 'Visitor ' || i, 'visitor' || (i % 5000) || '@bench.example', 'Ticket number ' || i,
       'The export button does nothing on invoice ' || i || '.', {false}, '10.0.' || (i % 250) || '.1',
       {ago('i * 60')}, 2 + (i % 4), 1 + (i % 4), 9, '[]', {ago('i * 30')}, CASE WHEN i % 3 = 0 THEN {g} ELSE NULL END
FROM {source};
INSERT INTO ticket_conversations (account_id, ticket_id, body, body_text, private, incoming, agent_id, contact_id, created_at)
SELECT t.account_id, t.id, '<p>Entry ' || k.k || ' of ticket ' || t.id || '</p>', 'Entry ' || k.k || ' of ticket ' || t.id,
       CASE WHEN k.k = 5 THEN {true} ELSE {false} END, CASE WHEN k.k % 2 = 0 THEN {true} ELSE {false} END,
       CASE WHEN k.k % 2 = 0 THEN NULL ELSE {g} END, NULL, t.created_at
FROM tickets t, (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) k
WHERE t.account_id = {a};
COMMIT;
{'' if sqlite else 'ANALYZE;'}
""")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Prints the first column of the first row of a query on a SQLite file (sqlite:PATH) or a PostgreSQL URL.
Usage: query.py DATABASE SQL"""
import subprocess
import sys

database, query = sys.argv[1], sys.argv[2]
if database.startswith("sqlite:"):
    import sqlite3
    connection = sqlite3.connect(database[len("sqlite:"):])
    print(connection.execute(query).fetchone()[0])
    connection.close()
else:
    print(subprocess.run(["psql", "--no-psqlrc", "-At", database, "-c", query], check=True, capture_output=True)
          .stdout.decode().splitlines()[0])

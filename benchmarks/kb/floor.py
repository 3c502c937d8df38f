"""Sequential searches over one keep-alive connection: HTTP latency per search, as percentiles, and the engine that
answered (Server-Timing `search;desc=`). Widget answers carry no database duration (it would depend on matches the
reader may not see), so `db_*` is reported only for a server that sends `db;dur=`. Usage: floor.py HOST PORT PATH
QUERIES [N]"""
import http.client
import json
import statistics
import sys
import time
import urllib.parse

host, port, path, queries_file = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
count = int(sys.argv[5]) if len(sys.argv) > 5 else 1000
queries = [line.strip() for line in open(queries_file) if line.strip()][:count]
connection = http.client.HTTPConnection(host, port)
database, latency, results, engines = [], [], [], set()
for query in queries:
    started = time.perf_counter()
    connection.request("GET", path + "?query=" + urllib.parse.quote(query))
    response = connection.getresponse()
    body = response.read()
    latency.append((time.perf_counter() - started) * 1000)
    assert response.status == 200, body
    results.append(json.loads(body)["total"])
    timing = response.getheader("Server-Timing", "")
    if "dur=" in timing:
        database.append(float(timing.split("dur=")[1].split(",")[0]))
    engines.add(timing.split("desc=")[1] if "desc=" in timing else "?")


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


print(json.dumps({
    "queries": len(queries),
    "db_p50_ms": round(pct(database, 0.5), 2) if database else None,
    "db_p99_ms": round(pct(database, 0.99), 2) if database else None,
    "http_sequential_p50_ms": round(pct(latency, 0.5), 2), "http_sequential_p99_ms": round(pct(latency, 0.99), 2),
    "median_hits": statistics.median(results),
    "engines": sorted(engines),
}))

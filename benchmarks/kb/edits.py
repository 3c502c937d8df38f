"""Times how soon each kind of knowledge-base edit is searchable through the in-memory engine, on the process that
took the edit and on another process sharing the database.

For each kind (create, edit, unpublish, publish, move, visibility, delete), `--rounds` times: the edit is made
through the API of the first process; from the moment its answer arrives, both processes are asked the widget
search that shows the edit (a word only that article has), back to back, until each answers it from its in-memory
index (`Server-Timing: search;desc=memory`). Prints one line per kind and process: median and worst milliseconds,
and how many answers in between were the database's or not yet the edit.

Usage: edits.py --writer http://127.0.0.1:P --reader http://127.0.0.1:Q --api-key KEY --widget W [--rounds 10]
"""
import argparse
import base64
import json
import random
import statistics
import string
import threading
import time
import urllib.request


def call(method, url, key=None, body=None):
    request = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body is not None else None)
    if key:
        request.add_header("Authorization", "Basic " + base64.b64encode(f"{key}:X".encode()).decode())
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return response.headers, (json.loads(text) if text else None)


def word():
    return "zq" + "".join(random.choice(string.ascii_lowercase) for _ in range(8))


def wait_for(base, widget, query, shown, started, result, key):
    """Asks until the memory engine's answer to `query` shows (or no longer shows) the article; records milliseconds."""
    misses = 0
    while True:
        headers, body = call("GET", f"{base}/widget/v1/widgets/{widget}/articles?query={query}")
        ids = [hit["id"] for hit in body["articles"]]
        from_memory = "desc=memory" in (headers.get("Server-Timing") or "")
        if from_memory and shown(ids):
            result[key] = ((time.perf_counter() - started) * 1000, misses)
            return
        misses += 1
        if time.perf_counter() - started > 120:
            result[key] = (float("inf"), misses)
            return


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--writer", required=True)
    parser.add_argument("--reader", required=True)
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--widget", type=int, required=True)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    api = args.writer + "/api/v2/solutions"
    key = args.api_key
    _, category = call("POST", f"{api}/categories", key, {"name": "Edits"})
    _, home = call("POST", f"{api}/categories/{category['id']}/folders", key, {"name": "Home"})
    _, away = call("POST", f"{api}/categories/{category['id']}/folders", key, {"name": "Away"})
    timings = {}

    def timed(kind, edit, query, shown):
        result = {}
        edit()
        started = time.perf_counter()
        threads = [threading.Thread(target=wait_for, args=(base, args.widget, query, shown, started, result, name))
                   for name, base in (("writer", args.writer), ("reader", args.reader))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for name in ("writer", "reader"):
            timings.setdefault((kind, name), []).append(result[name])

    for _ in range(args.rounds):
        unique = word()
        box = {}

        def create():
            _, article = call("POST", f"{api}/folders/{home['id']}/articles", key,
                              {"title": f"Guide {unique}", "description": f"<p>About {unique} and more.</p>", "status": 2})
            box["id"] = article["id"]
        timed("create", create, unique, lambda ids: box["id"] in ids)
        article = box["id"]
        renamed = word()
        timed("edit", lambda: call("PUT", f"{api}/articles/{article}", key, {"title": f"Guide {renamed}"}), renamed,
              lambda ids: article in ids)
        timed("unpublish", lambda: call("PUT", f"{api}/articles/{article}", key, {"status": 1}), renamed,
              lambda ids: article not in ids)
        timed("publish", lambda: call("PUT", f"{api}/articles/{article}", key, {"status": 2}), renamed,
              lambda ids: article in ids)
        timed("move", lambda: call("PUT", f"{api}/articles/{article}", key, {"folder_id": away["id"]}), renamed,
              lambda ids: article in ids)
        timed("visibility", lambda: call("PUT", f"{api}/folders/{away['id']}", key, {"visibility": 3}), renamed,
              lambda ids: article not in ids)
        call("PUT", f"{api}/folders/{away['id']}", key, {"visibility": 1})
        timed("delete", lambda: call("DELETE", f"{api}/articles/{article}", key), renamed, lambda ids: article not in ids)

    for (kind, name), values in timings.items():
        milliseconds = sorted(value for value, _ in values)
        misses = sum(miss for _, miss in values)
        print(f"{kind:<10} {name:<6} median {statistics.median(milliseconds):7.1f} ms   worst {milliseconds[-1]:7.1f} ms"
              f"   ({len(values)} edits, {misses} answers before)")


if __name__ == "__main__":
    main()

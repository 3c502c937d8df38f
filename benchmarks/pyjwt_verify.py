"""Median time of PyJWT's jwt.decode for the same token the Swift benchmark verifies.

Usage: python3 benchmarks/pyjwt_verify.py TOKEN SECRET   (prints JSON)
"""
import json
import statistics
import sys
import time

import jwt

token, secret = sys.argv[1], sys.argv[2]
options = {"require": ["exp", "name", "email"]}


def decode():
    return jwt.decode(token, secret, algorithms=["HS256"], options=options)


assert decode()["email"]
batch, rounds = 5000, 21
for _ in range(batch):
    decode()
per_call = []
for _ in range(rounds):
    start = time.perf_counter_ns()
    for _ in range(batch):
        decode()
    per_call.append((time.perf_counter_ns() - start) / batch)
print(json.dumps({"pyjwt_version": jwt.__version__, "pyjwt_decode_median_us": round(statistics.median(per_call) / 1000, 2)}))

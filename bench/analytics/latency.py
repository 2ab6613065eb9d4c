#!/usr/bin/env python3
"""Sequential latency of the campaign reports on a running app (one keep-alive connection).

  latency.py --port 8080 --key KEY --campaigns 20 [--requests 300] [--warmup 200]

For each report shape, requests a random campaign of 1..N each time and prints
count, non-2xx answers, p50/p95/p99/max in ms and the mean response size.
"""
import argparse
import http.client
import random
import time

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--key", required=True)
parser.add_argument("--campaigns", type=int, default=20)
parser.add_argument("--requests", type=int, default=300)
parser.add_argument("--warmup", type=int, default=200)
args = parser.parse_args()

SHAPES = {
    "summary": "/api/v1/campaigns/{c}/summary",
    "performance hour (default range)": "/api/v1/campaigns/{c}/performance",
    "performance day (7 days)": "/api/v1/campaigns/{c}/performance?granularity=day",
    "performance minute (1440 buckets)": "/api/v1/campaigns/{c}/performance?granularity=minute",
}

conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
headers = {"Authorization": "Bearer " + args.key, "Accept": "application/json"}


def get(path):
    start = time.perf_counter()
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    return time.perf_counter() - start, response.status, len(body)


def pct(sorted_ms, p):
    return sorted_ms[min(len(sorted_ms) - 1, int(round(p / 100 * len(sorted_ms) + 0.5)) - 1)]


print(f"{'report':36} {'n':>5} {'non2xx':>6} {'p50_ms':>7} {'p95_ms':>7} {'p99_ms':>7} {'max_ms':>7} {'bytes':>7}")
for name, template in SHAPES.items():
    for _ in range(args.warmup):
        get(template.format(c=random.randint(1, args.campaigns)))
    times, bad, size = [], 0, 0
    for _ in range(args.requests):
        elapsed, status, length = get(template.format(c=random.randint(1, args.campaigns)))
        times.append(elapsed * 1000)
        bad += status // 100 != 2
        size += length
    times.sort()
    print(f"{name:36} {len(times):5d} {bad:6d} {pct(times, 50):7.2f} {pct(times, 95):7.2f} "
          f"{pct(times, 99):7.2f} {times[-1]:7.2f} {size // len(times):7d}")

#!/usr/bin/env python3
"""Server time of the console's pages on a running app, signed in as an operator.

  pages.py --port 8080 --email owner@example.com --password '...' --pages pages.txt
           [--requests 200] [--warmup 30]

Signs in through the sign-in form (form cookie, then the session cookie), then requests each page
of the list (one path a line; '#' starts a comment) sequentially on one keep-alive connection, and
prints per page: answers that were not 200, p50/p95/p99/max of the time the client waited for
the whole page (loopback: the server's time plus well under a millisecond), p95 of the app's
X-Response-Time header (until the answer's headers were committed, which for a page larger than
the response buffer is before its last byte) and the mean page size. The target is judged on the
whole-page time.
"""
import argparse
import http.client
import re
import time
import urllib.parse

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--email", required=True)
parser.add_argument("--password", required=True)
parser.add_argument("--pages", required=True)
parser.add_argument("--requests", type=int, default=200)
parser.add_argument("--warmup", type=int, default=30)
args = parser.parse_args()

conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=60)


def cookie(response, name):
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and value.startswith(name + "="):
            return value[len(name) + 1:value.index(";")]
    raise SystemExit(f"no cookie {name} in the answer ({response.status})")


conn.request("GET", "/login")
page = conn.getresponse()
page.read()
form = cookie(page, "iab_form")
body = urllib.parse.urlencode({"email": args.email, "password": args.password, "_csrf": form, "next": "/"})
conn.request("POST", "/login", body=body, headers={
    "Content-Type": "application/x-www-form-urlencoded", "Cookie": "iab_form=" + form})
signed = conn.getresponse()
signed.read()
if signed.status != 303:
    raise SystemExit(f"sign-in failed: {signed.status}")
session = cookie(signed, "iab_session")
headers = {"Cookie": "iab_session=" + session, "Accept": "text/html"}


def get(path):
    start = time.perf_counter()
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    data = response.read()
    client = (time.perf_counter() - start) * 1000
    server = float(re.sub(r"[^0-9.]", "", response.getheader("X-Response-Time", "0")) or 0)
    return response.status, server, client, len(data)


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


paths = [line.split("#")[0].strip() for line in open(args.pages)]
paths = [p for p in paths if p]
print(f"{'page':48} {'non-200':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7} {'header p95':>10} {'size':>8}")
worst = 0.0
for path in paths:
    for _ in range(args.warmup):
        get(path)
    bad, servers, clients, sizes = 0, [], [], []
    for _ in range(args.requests):
        status, server, client, size = get(path)
        bad += status != 200
        servers.append(server)
        clients.append(client)
        sizes.append(size)
    worst = max(worst, pct(clients, 95))
    print(f"{path[:48]:48} {bad:>7} {pct(clients, 50):>7.1f} {pct(clients, 95):>7.1f} {pct(clients, 99):>7.1f} "
          f"{max(clients):>7.1f} {pct(servers, 95):>10.1f} {sum(sizes) // len(sizes):>8}")
print(f"worst page p95 (whole page): {worst:.1f} ms")

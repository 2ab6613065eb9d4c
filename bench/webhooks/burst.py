#!/usr/bin/env python3
"""Drives the burst: REFERRERS participants join, then CREDITS referees join with a referrer's code
(the contest asks for no confirmation, so each such signup credits a referral at once and publishes
ReferralCredited), from THREADS keep-alive connections, each request from its own X-Forwarded-For.
Then waits until the receiver has seen every credit (or TIMEOUT seconds) and prints the figures."""
import argparse
import http.client
import json
import random
import threading
import time


def post(conn, path, body, ip):
    conn.request("POST", path, json.dumps(body), {"Content-Type": "application/json", "X-Forwarded-For": ip})
    response = conn.getresponse()
    data = response.read()
    if response.status not in (200, 201):
        raise RuntimeError(f"{path}: {response.status} {data[:200]}")
    return json.loads(data)


def ip(n):
    return f"{11 + n // 65536 % 200}.{n // 256 % 256}.{n % 256}.9"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--receiver", type=int, required=True)
    p.add_argument("--contest", required=True)
    p.add_argument("--referrers", type=int, default=500)
    p.add_argument("--credits", type=int, default=10000)
    p.add_argument("--threads", type=int, default=16)
    p.add_argument("--timeout", type=float, default=600)
    a = p.parse_args()
    run = f"{int(time.time()):x}"
    path = f"/api/v1/contests/{a.contest}/signups"

    conn = http.client.HTTPConnection("127.0.0.1", a.port)
    codes = [post(conn, path, {"email": f"ref-{run}-{i}@example.org"}, ip(i))["referralCode"]
             for i in range(a.referrers)]

    counter = iter(range(a.credits))
    lock = threading.Lock()
    errors = []

    def worker():
        c = http.client.HTTPConnection("127.0.0.1", a.port)
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            try:
                post(c, path, {"email": f"friend-{run}-{n}@example.org",
                               "referralCode": codes[random.randrange(len(codes))]}, ip(a.referrers + n))
            except Exception as e:  # noqa: BLE001 - counted and shown
                errors.append(str(e))
                c = http.client.HTTPConnection("127.0.0.1", a.port)

    start = time.time()
    threads = [threading.Thread(target=worker) for _ in range(a.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    signed = time.time()

    def stats():
        rc = http.client.HTTPConnection("127.0.0.1", a.receiver)
        rc.request("GET", "/stats")
        return json.loads(rc.getresponse().read())

    expected = a.credits
    while True:
        s = stats()
        credited = s["types"].get("referral.credited", 0)
        if credited >= expected or time.time() - start > a.timeout:
            break
        time.sleep(0.2)
    time.sleep(3)  # late duplicates, if any
    s = stats()
    credited = s["types"].get("referral.credited", 0)
    print(json.dumps({
        "credits_requested": a.credits,
        "signup_errors": len(errors),
        "signups_seconds": round(signed - start, 1),
        "signups_per_second": round(a.credits / (signed - start)),
        "credited_webhooks_received": credited,
        "lost": expected - len(errors) - credited,
        "duplicates": s["duplicates"],
        "bad_signatures": s["bad_signatures"],
        "failed_on_purpose": s["failed_on_purpose"],
        "all_delivered_seconds_after_first_signup": round(s["last_new_at"] - start, 1) if s["last_new_at"] else None,
        "lag_after_last_signup_seconds": round(s["last_new_at"] - signed, 1) if s["last_new_at"] else None,
        "receiver": s,
    }, indent=1))
    if errors:
        print("first signup errors:", errors[:3])


if __name__ == "__main__":
    main()

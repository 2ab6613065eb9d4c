#!/usr/bin/env python3
"""A webhook receiver for the burst benchmark: verifies every delivery's IABulk-Signature, counts
event ids (duplicates, bad signatures) and times arrivals. Answers 200, or 500 to a FAIL share of
first attempts (to exercise retries). GET /stats returns the counts as JSON.

    receiver.py --port 9999 --secret whsec_bench --fail 0.0
"""
import argparse
import hashlib
import hmac
import json
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
seen = {}
stats = {"requests": 0, "bad_signatures": 0, "failed_on_purpose": 0, "first_at": None, "last_new_at": None,
         "types": {}}


def handler(secret, fail):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            with lock:
                body = dict(stats, unique=len(seen), duplicates=sum(n - 1 for n in seen.values()))
                body = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            header = self.headers.get("IABulk-Signature", "")
            parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
            expected = hmac.new(secret.encode(), parts.get("t", "").encode() + b"." + body, hashlib.sha256).hexdigest()
            good = hmac.compare_digest(expected, parts.get("v1", ""))
            event = json.loads(body)
            now = time.time()
            status = 200
            with lock:
                stats["requests"] += 1
                stats["first_at"] = stats["first_at"] or now
                if not good:
                    stats["bad_signatures"] += 1
                    status = 400
                elif event["id"] not in seen and fail > 0 and random.random() < fail \
                        and self.headers.get("IABulk-Delivery-Attempt") == "1":
                    stats["failed_on_purpose"] += 1
                    status = 500
                else:
                    if event["id"] not in seen:
                        stats["last_new_at"] = now
                        stats["types"][event["type"]] = stats["types"].get(event["type"], 0) + 1
                    seen[event["id"]] = seen.get(event["id"], 0) + 1
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--fail", type=float, default=0.0)
    args = parser.parse_args()
    # the default listen backlog (5) drops connections under a burst: the sender's SYN is then
    # retried after a second, which would measure the receiver, not the sender
    ThreadingHTTPServer.request_queue_size = 1024
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler(args.secret, args.fail))
    server.daemon_threads = True
    server.serve_forever()

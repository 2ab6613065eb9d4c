#!/usr/bin/env python3
"""A stand-in for the application, to test evaluate.sh before the intelligence endpoints exist:
    FAKE_APP=bench/intelligence/test/fake-app.py N=2000 bench/intelligence/evaluate.sh

Serves readiness, the contact import (POST /api/v1/contacts/imports, GET .../{id}, .../rejected),
the history import (POST /api/v1/contacts/history, GET .../{id}, .../rejected), training
(POST /api/v1/models/engagement/train -> a job at its Location), GET /api/v1/models/{id},
POST /api/v1/models/{id}/activate and GET /api/v1/predictions/export?at= with the shapes issue 13
gives them. Its "predictions" are each contact's open rate shrunk to the population's: it learns
nothing and measures nothing.
"""
import csv
import io
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

PORT = int(next(a.split("=", 1)[1] for a in sys.argv if a.startswith("--server.port=")))
KEY = os.environ["IABULK_PLATFORM_ADMIN_API_KEY"]
lock = threading.Lock()
contacts = {}  # email -> id
history = {}  # email -> [sends, opens, clicks]
imports = {}
SERVICE = {"history": 0}


def import_resource(kind, iid, processed, created, invalid):
    return {"id": iid, "status": "FINISHED", "fileName": None, "processed": processed, "created": created,
            "updated": 0, "invalid": invalid, "suppressed": 0, "duplicates": 0, "error": None,
            "createdAt": "2026-12-07T00:00:00Z", "finishedAt": "2026-12-07T00:00:01Z", "kind": kind}


def model():
    return {"id": 1, "kind": "engagement", "algorithm": "fake (stand-in)", "status": "ACTIVE",
            "createdAt": "2026-12-07T00:00:00Z",
            "trainedOn": {"from": "2026-05-04T00:00:00Z", "to": "2026-09-15T00:00:00Z", "examples": 1, "positives": 1},
            "validatedOn": {"from": "2026-09-15T00:00:00Z", "to": "2026-10-20T00:00:00Z", "examples": 1, "positives": 1},
            "features": ["openRate"],
            "metrics": {"rocAuc": 0.5, "prAuc": 0.2, "logLoss": 0.7, "brier": 0.2, "ece": 0.1, "liftAt10": 1.0,
                        "calibration": [{"predicted": 0.2, "observed": 0.2, "count": 1000}]},
            "baseline": {"rocAuc": 0.5, "prAuc": 0.2, "logLoss": 0.7, "brier": 0.2, "ece": 0.1, "liftAt10": 1.0,
                         "calibration": []},
            "provenance": {"stand-in": True}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", content_type="application/json", headers=None):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        elif isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def authorised(self):
        if self.headers.get("Authorization") != "Bearer " + KEY:
            self.send(401, {"title": "Unauthorized"})
            return False
        return True

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()

    def do_GET(self):
        path = urlparse(self.path).path
        if path == "/actuator/health/readiness":
            return self.send(200, {"status": "UP"})
        if not self.authorised():
            return
        if path.startswith("/api/v1/contacts/imports/") or path.startswith("/api/v1/contacts/history/"):
            if path.endswith("/rejected"):
                return self.send(200, "line,email,reason\n", "text/csv")
            return self.send(200, imports[path])
        if path == "/api/v1/models/engagement/jobs/1":
            return self.send(200, {"id": 1, "status": "SUCCEEDED", "modelId": 1, "error": None})
        if path == "/api/v1/models/1":
            return self.send(200, model())
        if path == "/api/v1/predictions/export":
            sends = sum(h[0] for h in history.values()) or 1
            rate = sum(h[1] for h in history.values()) / sends
            out = io.StringIO()
            out.write("contactId,email,openProbability,clickProbability,engagementScore,tier\n")
            for email, cid in contacts.items():
                s, o, _ = history.get(email, [0, 0, 0])
                p = (o + 2 * rate) / (s + 2)
                tier = "HIGH" if p > 0.4 else "MEDIUM" if p > 0.15 else "LOW" if p > 0.05 else "DORMANT"
                out.write(f"{cid},{email},{p:.6f},{p * 0.2:.6f},{round(100 * p)},{tier}\n")
            return self.send(200, out.getvalue(), "text/csv")
        self.send(404, {"title": "Not Found"})

    def do_POST(self):
        path = urlparse(self.path).path
        if not self.authorised():
            return
        if path == "/api/v1/contacts/imports":
            rows = list(csv.DictReader(io.StringIO(self.body())))
            with lock:
                for r in rows:
                    contacts.setdefault(r["email"].lower(), len(contacts) + 1)
            loc = "/api/v1/contacts/imports/1"
            imports[loc] = import_resource("contacts", 1, len(rows), len(rows), 0)
            return self.send(202, dict(imports[loc], status="RUNNING"), headers={"Location": loc})
        if path == "/api/v1/contacts/history":
            rows = list(csv.DictReader(io.StringIO(self.body())))
            unknown = 0
            with lock:
                for r in rows:
                    email = r["email"].lower()
                    if email not in contacts:
                        unknown += 1
                        continue
                    h = history.setdefault(email, [0, 0, 0])
                    h[0] += 1
                    h[1] += 1 if r["openedAt"] else 0
                    h[2] += 1 if r["clickedAt"] else 0
            loc = "/api/v1/contacts/history/1"
            imports[loc] = import_resource("history", 1, len(rows), len(rows) - unknown, unknown)
            return self.send(202, dict(imports[loc], status="RUNNING"), headers={"Location": loc})
        if path == "/api/v1/models/engagement/train":
            loc = "/api/v1/models/engagement/jobs/1"
            return self.send(202, {"id": 1, "status": "RUNNING", "modelId": None, "error": None},
                             headers={"Location": loc})
        if path == "/api/v1/models/1/activate":
            return self.send(200, model())
        self.send(404, {"title": "Not Found"})


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()

#!/usr/bin/env python3
"""A stand-in for the application, to test run.sh before the delivery features exist:
    FAKE_APP=bench/delivery/test/fake-app.py N=2000 bench/delivery/run.sh

Serves readiness, POST /api/v1/templates, POST /api/v1/campaigns, POST .../{id}/start and
GET /api/v1/campaigns/{id} (progress nested under "progress", the eta as an ISO-8601 duration),
and "sends" a started campaign to every ACTIVE contact of the database (counted with psql) over
SMTP to SPRING_MAIL_HOST:SPRING_MAIL_PORT with a few persistent connections. It measures nothing.
"""
import json
import os
import re
import smtplib
import subprocess
import sys
import threading
import time
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(next(a.split("=", 1)[1] for a in sys.argv if a.startswith("--server.port=")))
KEY = os.environ["IABULK_PLATFORM_ADMIN_API_KEY"]
DB = os.environ["SPRING_DATASOURCE_URL"].rsplit("/", 1)[1]
MAIL = (os.environ["SPRING_MAIL_HOST"], int(os.environ["SPRING_MAIL_PORT"]))
POOL = int(os.environ.get("IABULK_DELIVERY_SMTP_POOL_SIZE", "4"))
templates, campaigns, lock = {}, {}, threading.Lock()
PSQL = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-U", "postgres", "-h", "localhost", "-d", DB]


def migrate():
    """The contacts table as the real migrations make it (the only table run.sh writes)."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../src/main/resources/db")
    exists = subprocess.run(PSQL + ["-tAc", "SELECT to_regclass('contacts') IS NOT NULL"],
                            capture_output=True, text=True, check=True).stdout.strip()
    if exists != "t":
        for f in ("migration/contacts/V2026_11_25_0200__contacts.sql",
                  "vendor/postgresql/V2026_11_26_0199__jsonb_support.sql",
                  "migration/contacts/V2026_11_26_0200__contact_profiles.sql"):
            subprocess.run(PSQL + ["-f", os.path.join(root, f)], check=True)


def active_contacts():
    out = subprocess.run(PSQL + ["-tAc", "SELECT count(*) FROM contacts WHERE status = 'ACTIVE'"],
                         capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def send_all(c):
    t = templates[c["templateId"]]
    total = active_contacts()
    c["progress"].update(total=total, queued=total)
    c["started"] = time.time()
    work = iter(range(1, total + 1))

    def worker():
        s = smtplib.SMTP(*MAIL)
        while True:
            with lock:
                n = next(work, None)
                if n is None:
                    break
                c["progress"]["queued"] -= 1
                c["progress"]["sending"] += 1
            m = MIMEMultipart("alternative")
            m["From"], m["To"], m["Subject"] = c["from"], f"user{n}@example{n % 50}.test", t["subject"]
            html = re.sub(r"\{\{[^}]*\}\}", "x", t["html"])
            m.attach(MIMEText(re.sub(r"<[^>]+>", "", html), "plain"))
            m.attach(MIMEText(html, "html"))
            s.sendmail("news@bench.example.test", [m["To"]], m.as_string())
            with lock:
                c["progress"]["sending"] -= 1
                c["progress"]["sent"] += 1
        s.quit()

    threads = [threading.Thread(target=worker) for _ in range(POOL)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    c["status"] = "FINISHED"


class Handler(BaseHTTPRequestHandler):
    def reply(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def authorised(self):
        if self.headers.get("Authorization") != f"Bearer {KEY}":
            self.reply(401, {"title": "Unauthorized"})
            return False
        return True

    def do_GET(self):
        if self.path == "/actuator/health/readiness":
            return self.reply(200, {"status": "UP"})
        m = re.fullmatch(r"/api/v1/campaigns/(\d+)", self.path)
        if m and self.authorised():
            c = campaigns.get(int(m.group(1)))
            if not c:
                return self.reply(404, {"title": "Not Found"})
            p = dict(c["progress"])
            el = time.time() - c.get("started", time.time())
            p["ratePerSecond"] = p["sent"] / el if el > 0 else 0.0
            p["eta"] = f"PT{int((p['total'] - p['sent']) / p['ratePerSecond'])}S" if p["ratePerSecond"] else None
            return self.reply(200, {"id": c["id"], "name": c["name"], "status": c["status"], "progress": p})
        self.reply(404, {"title": "Not Found"})

    def do_POST(self):
        if not self.authorised():
            return
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if self.path == "/api/v1/templates":
            if not all(body.get(k) for k in ("name", "subject", "html")):
                return self.reply(400, {"title": "Bad Request"})
            tid = len(templates) + 1
            templates[tid] = body
            with open("fake-templates.json", "w") as f:  # run.sh creates it in one process, uses it in the next
                json.dump(templates, f)
            return self.reply(201, {"id": tid, **body})
        if self.path == "/api/v1/campaigns":
            if body.get("templateId") not in templates or body.get("audience") != {"all": True}:
                return self.reply(400, {"title": "Bad Request"})
            cid = len(campaigns) + 1
            campaigns[cid] = {"id": cid, "name": body["name"], "templateId": body["templateId"],
                              "from": body["from"], "status": "DRAFT",
                              "progress": dict(total=0, queued=0, sending=0, sent=0, failed=0, bounced=0,
                                               suppressed=0, cancelled=0, possiblyDuplicated=0)}
            return self.reply(201, {"id": cid, "status": "DRAFT"})
        m = re.fullmatch(r"/api/v1/campaigns/(\d+)/start", self.path)
        if m and int(m.group(1)) in campaigns:
            c = campaigns[int(m.group(1))]
            c["status"] = "RUNNING"
            threading.Thread(target=send_all, args=(c,), daemon=True).start()
            return self.reply(200, {"id": c["id"], "status": "RUNNING"})
        self.reply(404, {"title": "Not Found"})

    def log_message(self, *args):
        pass


migrate()
if os.path.exists("fake-templates.json"):
    templates.update({int(k): v for k, v in json.load(open("fake-templates.json")).items()})
ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()

#!/usr/bin/env python3
"""Writes a representative campaign message for smtp-source -F when no message captured from the
application is available: the benchmark template rendered for one contact (a plain substitution of
its placeholders), as multipart/alternative (text derived from the HTML + HTML, quoted-printable)
with the headers the application sets (Message-ID, Date, List-Unsubscribe https + mailto,
List-Unsubscribe-Post). With --dkim-bytes N a dummy DKIM-Signature header of about N bytes is
added, so the size matches a signed message.

    make-message.py template.html out.eml [--dkim-bytes 0]

smtp-source -F sends the file as is and appends CRLF to each line; the script prints the size
of the message on the wire (bytes with CRLF line ends).
"""
import argparse
import email.utils
import html
import re
from email.charset import QP, Charset
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText


def main():
    p = argparse.ArgumentParser()
    p.add_argument("template")
    p.add_argument("out")
    p.add_argument("--dkim-bytes", type=int, default=0)
    a = p.parse_args()

    unsubscribe = "https://bench.example.test/u/" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7dEf0hIj3kLm6nOp9qRs2tUv5wXy8z"
    with open(a.template, encoding="utf-8") as f:
        src = f.read()
    rendered = (src.replace('{{default firstName "there"}}', "First1")
                .replace("{{attributes.plan}}", "pro")
                .replace("{{email}}", "user1@example1.test")
                .replace("{{unsubscribeUrl}}", html.escape(unsubscribe)))
    body = re.sub(r"(?s)<(style|head)[^>]*>.*?</\1>", "", rendered)
    body = re.sub(r"<(br|/p|/li|/div)[^>]*>", "\n", body)
    text = html.unescape(re.sub(r"<[^>]+>", "", body))
    text = "\n".join(line.strip() for line in text.splitlines())
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n\nUnsubscribe: " + unsubscribe + "\n"

    msg = MIMEMultipart("alternative")
    if a.dkim_bytes > 0:
        # roughly the shape of a relaxed/relaxed rsa-sha256 signature with a 2048-bit key
        msg["DKIM-Signature"] = ("v=1; a=rsa-sha256; c=relaxed/relaxed; d=bench.example.test; s=bench; "
                                 "h=From:To:Subject:Date:Message-ID:List-Unsubscribe:List-Unsubscribe-Post; "
                                 "bh=" + "A" * 43 + "=; b=" + "B" * max(0, a.dkim_bytes - 200))
    msg["Date"] = email.utils.formatdate(localtime=False)
    msg["From"] = "IA Bulk <news@bench.example.test>"
    msg["To"] = "user1@example1.test"
    msg["Message-ID"] = "<1.1.0123456789abcdef@iabulk.localhost>"
    msg["Subject"] = "Your November update, First1"
    msg["List-Unsubscribe"] = "<" + unsubscribe + ">, <mailto:unsubscribe@bench.example.test?subject=unsubscribe-1>"
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    qp = Charset("utf-8")
    qp.body_encoding = QP  # as Angus Mail does for text with long lines
    for part, subtype in ((text, "plain"), (rendered, "html")):
        msg.attach(MIMEText(part, subtype, qp))
    raw = msg.as_bytes()  # compat32: folds long headers without encoding them, "\n" line ends
    with open(a.out, "wb") as f:
        f.write(raw)
    print(len(raw) + raw.count(b"\n"))


if __name__ == "__main__":
    main()

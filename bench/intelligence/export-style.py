#!/usr/bin/env python3
"""Writes a simulated data set's contacts.csv and history.csv as other tools export them, to check
that the imports take what a migrating customer (or an independent simulator) really sends:

    bench/intelligence/export-style.py <data dir> <out dir>
    UPLOAD=<out dir> DATA=<data dir> bench/intelligence/evaluate.sh

contacts.csv: a UTF-8 byte-order mark, every field quoted, CRLF line ends, the JSON API's names
(Email, firstName, lastName, timeZone). history.csv: a byte-order mark, CRLF, snake-case names
(message_id, sent_at, ...), times as pandas and PostgreSQL write them (a space for the T, +00:00)
and counts as floats (1.0), as a data frame writes an integer column with gaps."""
import csv
import sys


def main(src, dst):
    def time(value):
        return value.replace("T", " ").replace("Z", "+00:00") if value else ""

    def count(value):
        return value + ".0" if value else ""

    with open(f"{src}/history.csv", newline="") as f, open(f"{dst}/history.csv", "w", newline="") as g:
        rows = csv.DictReader(f)
        out = csv.writer(g, lineterminator="\r\n")
        g.write("\ufeff")
        out.writerow(["email", "message_id", "sent_at", "opened_at", "clicked_at", "opens", "clicks",
                      "unsubscribed_at", "bounced_at", "complained_at"])
        for r in rows:
            out.writerow([r["email"], r["messageId"], time(r["sentAt"]), time(r["openedAt"]), time(r["clickedAt"]),
                          count(r["opens"]), count(r["clicks"]), time(r["unsubscribedAt"]), time(r["bouncedAt"]),
                          time(r["complainedAt"])])
    with open(f"{src}/contacts.csv", newline="") as f, open(f"{dst}/contacts.csv", "w", newline="") as g:
        rows = csv.reader(f)
        header = next(rows)
        names = {"email": "Email", "first_name": "firstName", "last_name": "lastName", "time_zone": "timeZone"}
        out = csv.writer(g, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        g.write("\ufeff")
        out.writerow([names.get(h, h) for h in header])
        out.writerows(rows)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])

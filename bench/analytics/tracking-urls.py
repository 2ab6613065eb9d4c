#!/usr/bin/env python3
"""Prints open-pixel and click paths (/t/o/..., /t/c/...) for send ids read from stdin, one a line.

The tokens are made as the service makes them (io.iabulk.tracking.TrackingLinks, docs/decisions/0013):
URL-safe base64 without padding of  send id (8 bytes, big-endian) | purpose byte | fields  followed by
the first 12 bytes of HMAC-SHA256(secret, everything before). Purposes: 'o' open (no fields), 'c' click
with flags (1 byte, bit 0: append iab_click), link index (2 bytes), link count (2 bytes), URL (UTF-8).

  tracking-urls.py --secret S [--kind open|click|mixed] [--links 3] < ids.txt > paths.txt
"""
import argparse
import base64
import hashlib
import hmac
import struct
import sys

MAC_BYTES = 12


def token(secret: bytes, payload: bytes) -> str:
    mac = hmac.new(secret, payload, hashlib.sha256).digest()[:MAC_BYTES]
    return base64.urlsafe_b64encode(payload + mac).rstrip(b"=").decode("ascii")


def open_path(secret: bytes, send_id: int) -> str:
    return "/t/o/" + token(secret, struct.pack(">qc", send_id, b"o"))


def click_path(secret: bytes, send_id: int, index: int, count: int, url: str, append: bool) -> str:
    payload = struct.pack(">qcBHH", send_id, b"c", 1 if append else 0, index, max(count, index + 1))
    return "/t/c/" + token(secret, payload + url.encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--secret", required=True, help="IABULK_TRACKING_SECRET of the server")
    parser.add_argument("--kind", choices=["open", "click", "mixed"], default="mixed")
    parser.add_argument("--links", type=int, default=3, help="links per message (click tokens)")
    parser.add_argument("--url", default="https://shop.example.com/product?id={id}&l={link}")
    args = parser.parse_args()
    secret = args.secret.encode("utf-8")
    out = sys.stdout
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        send_id = int(line)
        if args.kind in ("open", "mixed"):
            out.write(open_path(secret, send_id) + "\n")
        if args.kind in ("click", "mixed"):
            # one link per send (a recipient clicking one link, not a scanner clicking all)
            link = send_id % args.links
            url = args.url.format(id=send_id, link=link)
            out.write(click_path(secret, send_id, link, args.links, url, True) + "\n")


if __name__ == "__main__":
    main()

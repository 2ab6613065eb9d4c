#!/usr/bin/python3
"""Checks the DKIM signature of a captured message against the benchmark's public key, with
python3-dkim (Debian) and no DNS: the TXT record <selector>._domainkey.<domain> is answered from
the key file.

    dkim-check.py message.eml public-key.pem selector domain   -> prints "pass" or "fail: ..."
    dkim-check.py --sign message.eml private-key.pem selector domain   (signs, for testing)
"""
import base64
import sys

import dkim


def der_base64(pem_path):
    lines = open(pem_path).read().strip().splitlines()
    return "".join(line for line in lines if not line.startswith("-----"))


def main():
    if sys.argv[1] == "--sign":
        msg, key, selector, domain = sys.argv[2:6]
        data = open(msg, "rb").read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        sig = dkim.sign(data, selector.encode(), domain.encode(), open(key, "rb").read(),
                        canonicalize=(b"relaxed", b"relaxed"),
                        include_headers=[b"From", b"To", b"Subject", b"Date", b"Message-ID"])
        sys.stdout.buffer.write(sig + data)
        return
    msg, pub, selector, domain = sys.argv[1:5]
    record = ("v=DKIM1; k=rsa; p=" + der_base64(pub)).encode()
    expected = f"{selector}._domainkey.{domain}.".encode()

    def dns(name, timeout=5):
        return record if name.rstrip(b".") + b"." == expected else None

    data = open(msg, "rb").read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if b"DKIM-Signature:" not in data and b"dkim-signature:" not in data.lower():
        print("fail: no DKIM-Signature header")
        return
    d = dkim.DKIM(data)
    try:
        ok = d.verify(dnsfunc=dns)
    except dkim.DKIMException as e:
        print(f"fail: {e}")
        return
    print("pass" if ok else "fail: signature does not verify")


if __name__ == "__main__":
    main()

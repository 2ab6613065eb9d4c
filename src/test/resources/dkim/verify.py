# Verifies the DKIM signature of a message with Debian's python3-dkim (dkimpy), answering the key
# lookup from the command line instead of DNS. Prints "PASS <queried name>" or "FAIL <why>".
import logging
import sys

import dkim

message = open(sys.argv[1], "rb").read()
record = ("v=DKIM1; k=rsa; p=" + sys.argv[2]).encode("ascii")
queried = []


def dns(name, timeout=5):
    queried.append(name.decode("ascii") if isinstance(name, bytes) else name)
    return record


logging.basicConfig(stream=sys.stderr, level=logging.DEBUG)
try:
    ok = dkim.DKIM(message, logger=logging.getLogger("dkim")).verify(dnsfunc=dns)
except Exception as e:  # a malformed signature is a failure, not a crash
    print("FAIL " + repr(e))
    sys.exit(0)
print(("PASS " if ok else "FAIL ") + (queried[0] if queried else "no-lookup"))

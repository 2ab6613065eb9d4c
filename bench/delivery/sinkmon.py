#!/usr/bin/env python3
"""Runs Postfix's smtp-sink and keeps its message count, with timestamps, in a JSON state file.

smtp-sink -c writes "sess=S quit=Q mesg=M" followed by a carriage return every time a session
ends, a QUIT is executed or a message's final "." is received. This reader timestamps those
updates, so the harness knows when the first and the last message of a phase arrived.

    sinkmon.py --port 2525 --state sink.json [--max-concurrency 1024] [--backlog 1024]

SIGUSR1 starts a new phase: the current count becomes the baseline and the first/last times are
cleared. SIGTERM stops smtp-sink and writes the final state. State file (rewritten atomically
every 0.2 s when it changed):
    {"total": all messages, "count": messages since the baseline, "first": epoch seconds of the
     first message since the baseline or null, "last": ..., "sessions": sessions ended,
     "baseline": count at the baseline, "alive": smtp-sink still running}
"""
import argparse
import json
import os
import re
import select
import signal
import subprocess
import sys
import time

COUNTERS = re.compile(rb"sess=(\d+) quit=\d+ mesg=(\d+)")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--state", required=True)
    p.add_argument("--sink", default="/usr/sbin/smtp-sink")
    p.add_argument("--max-concurrency", type=int, default=1024)
    p.add_argument("--backlog", type=int, default=1024)
    p.add_argument("--user", default="nobody")
    a = p.parse_args()

    # -c running counters; -m: more simultaneous sessions than smtp-sink's default 256; no -d/-D
    # (dumping to disk would make the sink, not the sender, the bottleneck).
    cmd = [a.sink, "-c", "-m", str(a.max_concurrency)]
    if os.geteuid() == 0:
        cmd += ["-u", a.user]  # required when running as root
    cmd += [f"{a.host}:{a.port}", str(a.backlog)]
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=sys.stderr)

    st = {"total": 0, "count": 0, "first": None, "last": None, "sessions": 0, "baseline": 0,
          "alive": True, "pid": child.pid, "command": " ".join(cmd)}
    dirty = [True]

    def write_state():
        tmp = a.state + ".tmp"
        with open(tmp, "w") as f:
            json.dump(st, f)
        os.replace(tmp, a.state)
        dirty[0] = False

    def new_phase(*_):
        st["baseline"] = st["total"]
        st["count"] = 0
        st["first"] = st["last"] = None
        write_state()

    stopping = [False]

    def stop(*_):
        stopping[0] = True

    signal.signal(signal.SIGUSR1, new_phase)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    fd = child.stdout.fileno()
    tail = b""
    last_write = 0.0
    write_state()
    while not stopping[0]:
        try:
            ready, _, _ = select.select([fd], [], [], 0.2)
        except InterruptedError:
            continue
        if ready:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break  # smtp-sink exited
            now = time.time()
            data = tail + chunk
            cut = data.rfind(b"\r")
            if cut >= 0:
                complete, tail = data[: cut + 1], data[cut + 1:]
                found = COUNTERS.findall(complete)
                if found:
                    sess, msg = int(found[-1][0]), int(found[-1][1])
                    if msg > st["total"]:
                        st["total"] = msg
                        st["count"] = msg - st["baseline"]
                        if st["first"] is None:
                            st["first"] = now
                        st["last"] = now
                    st["sessions"] = sess
                    dirty[0] = True
            else:
                tail = data[-256:]
            # smtp-sink writes ~25 bytes per message: reading them one by one would cost this
            # reader more CPU than smtp-sink itself. Let them gather (50 ms at 10,000 messages/s is
            # 12 KB, well inside a pipe's 64 KB); times are therefore late by at most ~50 ms.
            time.sleep(0.05)
        t = time.time()
        if dirty[0] and t - last_write >= 0.2:
            write_state()
            last_write = t
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(5)
        except subprocess.TimeoutExpired:
            child.kill()
    # drain what smtp-sink wrote before it ended
    try:
        rest = child.stdout.read() or b""
        found = COUNTERS.findall(tail + rest)
        if found and int(found[-1][1]) > st["total"]:
            st["total"] = int(found[-1][1])
            st["count"] = st["total"] - st["baseline"]
            st["last"] = time.time()
    except Exception:
        pass
    st["alive"] = False
    write_state()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Samples the heap of a running HotSpot JVM from its hsperfdata file, without attaching to it.

    heapmon.py <pid> <interval seconds> <out file>

Appends "epoch used_MB committed_MB" every interval until the JVM exits. It reads the same
counters as `jstat -gc` (eden, survivors and old generation: sun.gc.generation.*.space.*.used
and .capacity) from /tmp/hsperfdata_<user>/<pid>, a memory-mapped file the JVM updates itself.
jstat would start a JVM for every sample (about half a core-second each), which on two shared
cores would disturb the benchmark it measures.
"""
import glob
import mmap
import os
import struct
import sys
import time


def perf_file(pid):
    found = glob.glob(f"/tmp/hsperfdata_*/{pid}")
    if not found:
        raise SystemExit(f"no hsperfdata file for pid {pid}")
    return found[0]


def read_counters(buf):
    """The long counters of the file: name -> value (format of HotSpot's perfMemory.hpp)."""
    magic = struct.unpack_from(">I", buf, 0)[0]
    if magic != 0xCAFEC0C0:
        raise ValueError("not an hsperfdata file")
    order = "<" if buf[4] == 1 else ">"  # byte_order: 0 big endian, 1 little endian
    # prologue: magic, byte_order, major, minor, accessible, used, overflow, mod_time_stamp,
    # entry_offset, num_entries
    entry_offset, num_entries = struct.unpack_from(order + "ii", buf, 24)
    out = {}
    off = entry_offset
    for _ in range(num_entries):
        entry_length, name_offset, vector_length = struct.unpack_from(order + "iii", buf, off)
        data_type = chr(buf[off + 12])
        data_offset = struct.unpack_from(order + "i", buf, off + 16)[0]
        if entry_length <= 0:
            break
        if data_type == "J" and vector_length == 0:
            end = buf.find(b"\0", off + name_offset)
            name = bytes(buf[off + name_offset:end]).decode("ascii", "replace")
            out[name] = struct.unpack_from(order + "q", buf, off + data_offset)[0]
        off += entry_length
    return out


def heap(counters):
    used = committed = 0
    for name, value in counters.items():
        if name.startswith("sun.gc.generation.") and ".space." in name:
            if name.endswith(".used"):
                used += value
            elif name.endswith(".capacity"):
                committed += value
    return used, committed


def main():
    pid, interval, out = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
    with open(perf_file(pid), "rb") as f:
        buf = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        while True:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            used, committed = heap(read_counters(buf))
            with open(out, "a") as o:
                o.write(f"{time.time():.3f} {used / 1048576:.1f} {committed / 1048576:.1f}\n")
            time.sleep(interval)


if __name__ == "__main__":
    main()

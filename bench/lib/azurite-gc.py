#!/usr/bin/env python3
"""Azurite's garbage collections beside the bot's storage calls, minute by minute, from a soak run with
--trace-azurite-gc (Node's --trace-gc lines in Azurite's log, and TurnBench's soak-storage.tsv).

    bench/lib/azurite-gc.py azurite.log storage.tsv --offset SECONDS [--skip 2]

--offset is how many seconds after Azurite the bot started (the storage file counts from the bot's start). Per window:
the bot's storage calls, their p99 (the worst kind's with at least 20 calls) and slowest call; Azurite's young-generation
collections (count, total pause), its full collections (count, total and longest pause) and its heap after the last
collection. Then the first and last thirds side by side, and how the windows' slowest storage call follows the longest
full-collection pause. A collection stops Azurite's only thread, so every storage call waiting on it waits that long.
"""
import argparse
import collections
import re
import statistics

parser = argparse.ArgumentParser()
parser.add_argument("gc_log")
parser.add_argument("storage")
parser.add_argument("--offset", type=float, required=True)
parser.add_argument("--skip", type=int, default=2)
args = parser.parse_args()

# e.g. "[123:0x5f]   61234 ms: Mark-Compact 512.3 (530.1) -> 480.2 (529.9) MB, pooled: 0 MB, 123.45 / 0.00 ms  ..."
GC_LINE = re.compile(r"\s(\d+) ms: ([A-Za-z -]+?) [\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB,.*?([\d.]+) / [\d.]+ ms")

storage = collections.defaultdict(lambda: {"calls": 0, "p99": 0.0, "max": 0.0})
with open(args.storage, encoding="utf-8") as lines:
    for line in lines:
        t, _kind, calls, _p50, p99, top, *_ = line.rstrip("\n").split("\t")
        window = storage[int(t)]
        window["calls"] += int(calls)
        window["max"] = max(window["max"], float(top))
        if int(calls) >= 20:
            window["p99"] = max(window["p99"], float(p99))

ends = sorted(storage)[args.skip:]
if not ends:
    raise SystemExit("no storage windows to compare")
gc = {end: {"young": 0, "young_ms": 0.0, "full": 0, "full_ms": 0.0, "longest": 0.0, "heap": None} for end in ends}
width = (ends[1] - ends[0]) if len(ends) > 1 else 60

with open(args.gc_log, encoding="utf-8", errors="replace") as lines:
    for line in lines:
        match = GC_LINE.search(line)
        if not match:
            continue
        at = int(match.group(1)) / 1000 - args.offset
        window = next((end for end in ends if end - width < at <= end), None)
        if window is None:
            continue
        kind, heap, pause = match.group(2).strip(), float(match.group(3)), float(match.group(4))
        entry = gc[window]
        if kind.startswith("Scavenge") or kind.startswith("Minor"):
            entry["young"] += 1
            entry["young_ms"] += pause
        else:
            entry["full"] += 1
            entry["full_ms"] += pause
            entry["longest"] = max(entry["longest"], pause)
        entry["heap"] = heap

print(f"{'minute':>6} {'calls':>6} {'p99 ms':>7} {'slowest':>8} | {'young':>5} {'ms':>6} | {'full':>4} {'ms':>7} {'longest':>8} | {'heap MB':>7}")
for end in ends:
    s, g = storage[end], gc[end]
    heap = f"{g['heap']:.0f}" if g["heap"] is not None else "-"
    print(f"{end / 60:6.0f} {s['calls']:6d} {s['p99']:7.1f} {s['max']:8.1f} | {g['young']:5d} {g['young_ms']:6.0f} | "
          f"{g['full']:4d} {g['full_ms']:7.0f} {g['longest']:8.1f} | {heap:>7}")

third = max(1, len(ends) // 3)
for name, part in (("first third", ends[:third]), ("last third", ends[-third:])):
    heaps = [gc[end]["heap"] for end in part if gc[end]["heap"] is not None]
    print(f"{name}: storage p99 median {statistics.median(storage[end]['p99'] for end in part):.1f} ms, "
          f"slowest call median {statistics.median(storage[end]['max'] for end in part):.1f} ms; "
          f"full collections {sum(gc[end]['full'] for end in part)}, "
          f"their pause {sum(gc[end]['full_ms'] for end in part):.0f} ms in all, longest median "
          f"{statistics.median(gc[end]['longest'] for end in part):.1f} ms; "
          f"young pauses {sum(gc[end]['young_ms'] for end in part):.0f} ms; heap {min(heaps, default=0):.0f}-{max(heaps, default=0):.0f} MB")

if len(ends) > 2:
    slowest = [storage[end]["max"] for end in ends]
    longest = [gc[end]["longest"] for end in ends]
    if statistics.pstdev(slowest) > 0 and statistics.pstdev(longest) > 0:
        print(f"correlation of the slowest storage call with the longest full-collection pause, per window: "
              f"{statistics.correlation(slowest, longest):.2f}")

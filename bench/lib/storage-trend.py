#!/usr/bin/env python3
"""Per request kind, how storage calls moved window by window in a soak (soak-storage.tsv, written by TurnBench's
startup hook when TURNBENCH_STORAGE_FILE is set).

    bench/lib/storage-trend.py artifacts/bench/soak-storage.tsv [--top 12] [--min-calls 20] [--skip 2]

For each of the kinds that took the most storage time in total (calls x latency), one line per window: calls, p50 and
p99 latency in ms, and the mean response bytes of its GETs; then the kinds whose p50 rose most between the first and the
last third of the windows (a cost that grows with the run's history shows there, while one that merely suffers from a
busy moment moves with the others). --skip leaves out the first windows (start-up and set-up).
"""
import argparse
import collections
import statistics

parser = argparse.ArgumentParser()
parser.add_argument("file")
parser.add_argument("--top", type=int, default=12)
parser.add_argument("--min-calls", type=int, default=20)
parser.add_argument("--skip", type=int, default=2)
args = parser.parse_args()

rows = collections.defaultdict(dict)
windows = set()
with open(args.file, encoding="utf-8") as lines:
    for line in lines:
        t, kind, calls, p50, p99, top, total, size, max_size, more = line.rstrip("\n").split("\t")
        t = int(t)
        windows.add(t)
        rows[kind][t] = (int(calls), float(p50), float(p99), float(total), int(size))

windows = sorted(windows)[args.skip:]
if not windows:
    raise SystemExit("no windows after --skip")
busiest = sorted(rows, key=lambda k: -sum(rows[k][t][3] for t in windows if t in rows[k]))[: args.top]
for kind in busiest:
    print(kind)
    print("   s      calls   p50 ms   p99 ms   bytes/GET")
    for t in windows:
        if t in rows[kind]:
            calls, p50, p99, _, size = rows[kind][t]
            print(f"  {t:5d}  {calls:7d}  {p50:7.1f}  {p99:7.1f}  {size / calls if calls else 0:10.0f}")
    print()

third = max(1, len(windows) // 3)
first, last = windows[:third], windows[-third:]
rises = []
for kind, by_window in rows.items():
    a = [by_window[t][1] for t in first if t in by_window and by_window[t][0] >= args.min_calls]
    b = [by_window[t][1] for t in last if t in by_window and by_window[t][0] >= args.min_calls]
    if a and b:
        rises.append((statistics.median(b) / max(statistics.median(a), 0.1), statistics.median(a), statistics.median(b), kind))
print(f"p50 per window, median of the first {third} windows against the last {third} (kinds with at least {args.min_calls} calls a window):")
for ratio, a, b, kind in sorted(rises, reverse=True)[:15]:
    print(f"  x{ratio:5.2f}  {a:7.1f} -> {b:7.1f} ms  {kind}")

#!/usr/bin/env bash
# A/B of two builds of the workplace benchmark at 10,000 people on a noisy
# machine: runs them in turn, ROUNDS times each (default 8), and prints each
# one's seconds per replicate, their minimum and median, and the median of
# the rounds' ratios B / A (a slow spell slows both runs of a round).
# Usage: bench/ab_workplace.sh BENCH_A BENCH_B [ROUNDS]
# A build of an earlier commit: git worktree add /tmp/old COMMIT &&
#   cmake -S /tmp/old -B /tmp/old-build -DCMAKE_BUILD_TYPE=Release &&
#   cmake --build /tmp/old-build --target workplace_bench
set -euo pipefail
bench_a=$1
bench_b=$2
rounds=${3:-8}
# The wall s/rep column of the 10,000-person row (benchmarks before the
# `model s` column had one column fewer).
seconds() { "$1" 10000 | awk '$1 == "10000" { print (NF == 14 ? $7 : $6) }'; }
for _ in $(seq "$rounds"); do
  echo "$(seconds "$bench_a") $(seconds "$bench_b")"
done | /usr/bin/python3 -c '
import statistics, sys
rounds = [tuple(map(float, line.split())) for line in sys.stdin if line.strip()]
for name, column in (("A", 0), ("B", 1)):
    values = [pair[column] for pair in rounds]
    print(name, " ".join("%.3f" % v for v in values),
          "| min %.3f median %.3f" % (min(values), statistics.median(values)))
print("B/A, median of the rounds: %.3f" % statistics.median(b / a for a, b in rounds))'

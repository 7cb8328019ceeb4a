#!/usr/bin/env bash
# The sweep's evaluation layer against `run`: the same 1,000 replicates of
# the 180-person pilot_then_scale, once as `run -r 1000 --series none` and
# once as a sweep of 10 points × 100 replicates whose points differ only in
# `description` (so each unit simulates exactly what a run's replicate
# does), alternating, ROUNDS times (default 7). Prints each round's wall
# seconds and the median of the rounds' ratios sweep / run. Then a Sobol
# sweep of 4 keys, 1,024 points × 10 replicates (wall seconds, peak RSS).
# Usage: bench/sweep_bench.sh [ADOPTSIM] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
adoptsim=${1:-build/release/adoptsim}
rounds=${2:-7}
scenario=scenarios/workplace/pilot_then_scale.toml
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
points=$(seq -s, 0 9 | sed 's/[0-9]/p&/g')

wall() {  # command... -> wall seconds
  /usr/bin/time -f "%e" "$@" > /dev/null 2> "$scratch/time" || { cat "$scratch/time"; exit 1; }
  tail -n 1 "$scratch/time"
}
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds; $scenario"
for _ in $(seq "$rounds"); do
  a=$(wall "$adoptsim" run "$scenario" -r 1000 --series none -o "$scratch/run" --force)
  b=$(wall "$adoptsim" sweep "$scenario" --vary "description=$points" -r 100 -o "$scratch/sweep" --force)
  echo "$a $b"
done | /usr/bin/python3 -c '
import statistics, sys
rounds = [tuple(map(float, line.split())) for line in sys.stdin if line.strip()]
for name, column in (("run -r 1000", 0), ("sweep 10 x 100", 1)):
    values = [pair[column] for pair in rounds]
    print(name, " ".join("%.2f" % v for v in values), "| median %.2f s" % statistics.median(values))
print("sweep / run, median of the rounds: %.3f" % statistics.median(b / a for a, b in rounds))'
/usr/bin/time -f "sobol, 4 keys, 1024 points x 10 replicates: %e s wall, peak %M KiB" "$adoptsim" sweep "$scenario" \
  --design sobol --points 1024 --vary strategy.pilot_size=8..15 --vary budget.change_management_share=0.05..0.4 \
  --vary strategy.scale_day=14..84 --vary model.workplace.effects.use_case_relevance_gain=0..0.3 -r 10 \
  -o "$scratch/sobol" --force 2>&1 >/dev/null | grep -v warning

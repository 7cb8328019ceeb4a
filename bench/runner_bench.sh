#!/usr/bin/env bash
# Runner throughput and parallel efficiency: replicates per second of the
# 10,000-person, 365-day benchmark scenario at -j 1 and -j 2, median of
# RUNS runs each, and peak memory (max RSS) at 100 and 400 replicates.
# Usage: bench/runner_bench.sh [ADOPTSIM] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
adoptsim=${1:-build/release/adoptsim}
runs=${2:-5}
scenario=bench/scenarios/org10k_365.toml
replicates=100

measure() {  # threads replicates -> "seconds max_rss_kib"
  /usr/bin/time -f "%e %M" "$adoptsim" run "$scenario" -r "$2" -j "$1" > /dev/null 2> /tmp/adoptsim-bench-time
  tail -n 1 /tmp/adoptsim-bench-time
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "scenario: $scenario ($replicates replicates), $runs runs per setting, load: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A seconds
for threads in 1 2; do
  samples=$(for _ in $(seq "$runs"); do measure "$threads" "$replicates" | cut -d' ' -f1; done)
  seconds[$threads]=$(echo "$samples" | median)
  rate=$(awk -v s="${seconds[$threads]}" -v r="$replicates" 'BEGIN { printf "%.1f", r / s }')
  echo "-j $threads: median ${seconds[$threads]} s, $rate replicates/s (runs: $(echo $samples))"
done
awk -v s1="${seconds[1]}" -v s2="${seconds[2]}" 'BEGIN { printf "parallel efficiency at 2 threads: %.0f%%\n", 100 * s1 / (2 * s2) }'
for count in 100 400; do
  echo "peak memory, -j 2, $count replicates: $(measure 2 "$count" | cut -d' ' -f2) KiB"
done

#!/usr/bin/env bash
# The sensitivity issue's targets on the 180-person pilot_then_scale: Sobol
# indices of 10 keys with N = 1,024 base rows and 10 replicates (12,288
# points, 122,880 units), and Morris screening of the same 10 keys with
# r = 20 trajectories and 20 replicates (220 points, 4,400 units). Prints
# each one's wall seconds and peak RSS.
# Usage: bench/sensitivity_bench.sh [ADOPTSIM]
set -euo pipefail
cd "$(dirname "$0")/.."
adoptsim=${1:-build/release/adoptsim}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
keys=(
  --vary budget.change_management_share=0.05..0.4
  --vary strategy.pilot_size=8..15
  --vary strategy.scale_day=14..84
  --vary model.workplace.dynamics.lapse_after_days=10..40
  --vary model.workplace.dynamics.novelty_days=3..14
  --vary model.workplace.dynamics.ambient_awareness_per_day=0.003..0.03:log
  --vary model.workplace.dynamics.communication_fatigue=0.5..1
  --vary model.workplace.effects.workshop_relevance_gain=0.2..0.6
  --vary model.workplace.effects.office_hours_relevance_gain=0.3..0.9
  --vary model.workplace.effects.champion_skill_gain=0.2..0.6
)
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); 2 cores"
/usr/bin/time -f "sobol, 10 keys, N = 1024, 10 replicates: %e s wall, peak %M KiB" "$adoptsim" sensitivity \
  scenarios/workplace/pilot_then_scale.toml "${keys[@]}" -N 1024 -r 10 -o "$scratch/sobol" 2>&1 >/dev/null | grep -v warning
/usr/bin/time -f "morris, 10 keys, r = 20, 20 replicates: %e s wall, peak %M KiB" "$adoptsim" sensitivity \
  scenarios/workplace/pilot_then_scale.toml --method morris "${keys[@]}" --trajectories 20 -r 20 -o "$scratch/morris" \
  2>&1 >/dev/null | grep -v warning

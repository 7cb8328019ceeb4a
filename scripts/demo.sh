#!/usr/bin/env bash
# The README's demo: the bundled example organisation (the default generated
# 180-person firm), and three rollout strategies forecast on it with the
# workplace adoption model and compared with common random numbers, with the
# fan charts and overlay a deck would use.
set -euo pipefail
adoptsim=${1:-build/release/adoptsim}
output=${2:-out/demo}

echo "== The example organisation =="
"$adoptsim" org inspect --seed 1
echo
echo "== Forecasts: big bang, pilot then scale, and a champion network, compared with big bang =="
"$adoptsim" compare scenarios/workplace/big_bang.toml scenarios/workplace/pilot_then_scale.toml \
  scenarios/workplace/champion_network.toml -r 200 --force --plot -o "$output"
echo
echo "Figures: $output/figures/overlay.png and $output/figures/fan_chart_*.png"

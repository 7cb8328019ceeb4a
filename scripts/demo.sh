#!/usr/bin/env bash
# The README's demo: the bundled example organisation (the default generated
# 180-person firm), and the reference diffusion models forecast on it and
# compared, with the fan charts and overlay a deck would use.
set -euo pipefail
adoptsim=${1:-build/release/adoptsim}
output=${2:-out/demo}

echo "== The example organisation =="
"$adoptsim" org inspect --seed 1
echo
echo "== Forecasts: Bass (imitation-led), threshold and independent cascade, compared with Bass =="
"$adoptsim" compare scenarios/reference/bass.toml scenarios/reference/threshold.toml \
  scenarios/reference/cascade.toml -r 200 --force --plot -o "$output"
echo
echo "Figures: $output/figures/overlay.png and $output/figures/fan_chart_*.png"

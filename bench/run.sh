#!/usr/bin/env bash
# Runs every benchmark in bench/ from a release build and prints their tables.
# Usage: bench/run.sh [BUILD_DIR]   (default build/release)
set -euo pipefail
build=${1:-build/release}
for bench in "$build"/bench/*_bench; do
  echo "== $(basename "$bench") =="
  /usr/bin/time -f "peak memory: %M KiB" "$bench"
  echo
done

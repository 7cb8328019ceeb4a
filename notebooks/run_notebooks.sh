#!/usr/bin/env bash
# Execute every research notebook (notebooks/[0-9][0-9]_*.ipynb) top to bottom with
# Debian's Jupyter, and fail if any cell raises or any committed notebook carries outputs.
#
#   bash notebooks/run_notebooks.sh [PATH/TO/adoptsim]
#
# The binary defaults to $ADOPTSIM_BINARY, then to build/release/adoptsim. Executed
# notebooks are written to a temporary folder (kept and printed with
# ADOPTSIM_KEEP_OUTPUTS=1), never back into the repository. ctest runs this script
# (tests/CMakeLists.txt, test "notebooks").
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
binary="${1:-${ADOPTSIM_BINARY:-$here/../build/release/adoptsim}}"
nbconvert=/usr/bin/jupyter-nbconvert
python=/usr/bin/python3

if [[ ! -x "$binary" ]]; then
  echo "run_notebooks.sh: no adoptsim binary at $binary; build it (cmake --preset release &&" \
       "cmake --build --preset release) or pass its path" >&2
  exit 1
fi
for tool in "$nbconvert" "$python"; do
  if [[ ! -x "$tool" ]]; then
    echo "run_notebooks.sh: $tool is missing: install Debian's jupyter-nbconvert and python3-ipykernel" >&2
    exit 1
  fi
done

shopt -s nullglob
notebooks=("$here"/[0-9][0-9]_*.ipynb)
if (( ${#notebooks[@]} == 0 )); then
  echo "run_notebooks.sh: no notebooks in $here" >&2
  exit 1
fi

# 1. The committed notebooks must be stripped: no outputs, no execution counts.
"$python" "$here/check_stripped.py" "${notebooks[@]}"

# 2. Execute each one in a scratch area that is removed afterwards. The notebooks' own
#    temporary result folders go there too (TMPDIR), and Jupyter's and IPython's per-user
#    folders point there so that a user's own kernels or startup files cannot interfere:
#    the kernel is Debian's python3 (/usr/share/jupyter/kernels/python3).
scratch="$(mktemp -d "${TMPDIR:-/tmp}/adoptsim-notebooks.XXXXXX")"
if [[ "${ADOPTSIM_KEEP_OUTPUTS:-0}" == "1" ]]; then
  trap 'echo "executed notebooks kept in $scratch/executed"' EXIT
else
  trap 'rm -rf "$scratch"' EXIT
fi
mkdir -p "$scratch/tmp" "$scratch/executed" "$scratch/jupyter-data" "$scratch/jupyter-runtime" "$scratch/ipython"
export ADOPTSIM_BINARY="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
export TMPDIR="$scratch/tmp"
export JUPYTER_DATA_DIR="$scratch/jupyter-data"
export JUPYTER_RUNTIME_DIR="$scratch/jupyter-runtime"
export IPYTHONDIR="$scratch/ipython"
export PYDEVD_DISABLE_FILE_VALIDATION=1   # quieten ipykernel's debugger warning

failed=()
for notebook in "${notebooks[@]}"; do
  name="$(basename "$notebook")"
  echo "=== $name"
  start=$SECONDS
  # The kernel starts in the notebook's own folder, as in Jupyter.
  if "$nbconvert" --to notebook --execute \
       --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=600 \
       --output-dir "$scratch/executed" "$notebook" 2> "$scratch/$name.log"; then
    echo "ok   $name ($((SECONDS - start)) s)"
  else
    # nbconvert's report names the failing cell; drop the colour codes and debugger noise.
    sed -e 's/\x1b\[[0-9;]*m//g' "$scratch/$name.log" | grep -v -e '^0\.0[0-9]s - ' >&2 || true
    echo "FAIL $name ($((SECONDS - start)) s)"
    failed+=("$name")
  fi
done

if (( ${#failed[@]} > 0 )); then
  echo "run_notebooks.sh: ${#failed[@]} notebook(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "all ${#notebooks[@]} notebooks ran without error"

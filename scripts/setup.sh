#!/usr/bin/env bash
# Installs the Debian 12 packages adoptsim needs, only those still missing.
# Runs as root, or through sudo when not root. Safe to run repeatedly.
set -euo pipefail

packages=(
  pkg-config
  clang
  clang-format
  clang-tidy-14
  libclang-rt-14-dev
  libeigen3-dev
  libboost-graph-dev
  libtbb-dev
  libcli11-dev
  catch2
  libtomlplusplus-dev
  nlohmann-json3-dev
  librandom123-dev
  libssl-dev
  python3
  time
  python3-matplotlib
  python3-pandas
  python3-numpy
  jupyter-nbconvert
  python3-ipykernel
  python3-nbformat
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "setup: these Debian packages are missing and I am neither root nor able to sudo: ${missing[*]}" >&2
  echo "setup: install them with: apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

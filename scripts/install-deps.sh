#!/usr/bin/env bash
# Installs the Debian 12 packages prismaflow needs to build and test, only
# those that are missing. Runs as root (or through sudo when available).
set -euo pipefail

packages=(
  cmake g++ make pkg-config git python3
  libcurl4-openssl-dev libsqlite3-dev libpugixml-dev libssl-dev
  libboost-program-options-dev libboost-math-dev
  libgtest-dev libgmock-dev
  libutf8proc-dev libtomlplusplus-dev nlohmann-json3-dev
  libzstd-dev zlib1g-dev libeigen3-dev
)
# Optional extras for the full test suite: PNG/PDF export of diagrams and the
# headless-browser check of the HTML report.
if [[ "${1:-}" == "--with-test-extras" ]]; then
  packages+=(librsvg2-bin chromium)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing missing Debian packages: ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

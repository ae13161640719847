#!/usr/bin/env bash
# Configures and builds prismaflow into build/ (or $PRISMAFLOW_BUILD_DIR);
# $PRISMAFLOW_TARGET builds one target only. Extra arguments go to cmake's
# configure step, e.g. -DPRISMAFLOW_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${PRISMAFLOW_BUILD_DIR:-build}"
jobs="$(nproc 2>/dev/null || echo 2)"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
if [[ -n "${PRISMAFLOW_TARGET:-}" ]]; then
  cmake --build "$build_dir" -j "$jobs" --target "$PRISMAFLOW_TARGET"
else
  cmake --build "$build_dir" -j "$jobs"
fi

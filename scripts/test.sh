#!/usr/bin/env bash
# The README's test command: installs what is missing, builds with warnings as
# errors, and runs the whole GoogleTest suite through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --with-test-extras
bash scripts/build.sh -DPRISMAFLOW_WERROR=ON
cd "${PRISMAFLOW_BUILD_DIR:-build}"
ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" --timeout 600

#!/usr/bin/env bash
# The README's main command: installs what is missing, builds, and runs the
# bundled example review end to end, offline, into example-output/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
bash examples/blinatumomab/run.sh "$(pwd)/build/prismaflow" "$(pwd)/example-output"

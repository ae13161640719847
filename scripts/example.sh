#!/usr/bin/env bash
# The README's main command: installs what is missing, builds the prismaflow
# binary (only it: tests and benchmarks are the test command's business), and
# runs the bundled example review end to end, offline, into example-output/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
PRISMAFLOW_TARGET=prismaflow bash scripts/build.sh
bash examples/blinatumomab/run.sh "$(pwd)/build/prismaflow" "$(pwd)/example-output"

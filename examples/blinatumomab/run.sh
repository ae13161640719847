#!/usr/bin/env bash
# Runs the bundled blinatumomab review end to end on a copy of this folder.
# Usage: run.sh PRISMAFLOW_BINARY OUTPUT_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$1"
out="$2"
rm -rf "$out"
mkdir -p "$out"
export PRISMAFLOW_NOW="2025-04-01T00:00:00Z"   # fixed clock: byte-identical outputs
"$bin" init "$out/review" --title "Blinatumomab added to chemotherapy in paediatric B-ALL"
"$bin" status --review "$out/review"

#!/usr/bin/env bash
# Runs the bundled blinatumomab review end to end, offline, on a copy of this
# folder: fetch (replayed PubMed archive), import (Embase, CENTRAL), dedup,
# screening by two reviewers, study links, extraction, analysis and report.
# Usage: run.sh PRISMAFLOW_BINARY OUTPUT_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
out="$2"
rm -rf "$out"
mkdir -p "$out"
cp -r "$here" "$out/review"
rm -f "$out/review/run.sh" "$out/review/compare.py"
cd "$out/review"

# A fixed clock and actor make every output byte-identical from run to run.
export PRISMAFLOW_NOW="2025-04-01T00:00:00Z"
export PRISMAFLOW_USER="example"
pf() { echo "+ prismaflow $*"; "$bin" "$@"; }

pf init .
pf fetch --replay pubmed-archive          # PubMed: the archived E-utilities replies
pf import                                 # every [[import]] of review.toml
pf dedup                                  # exact identifiers, then fuzzy matching
pf screen import screening/title-abstract.csv
pf screen conflicts --stage ta
pf screen resolve 8 --stage ta --decision include --reviewer reviewer_c \
   --note "adults trial: check the full text for patients under 31"
pf screen agreement --stage ta
pf screen import screening/full-text.csv
pf study link 1 5 --study "Locatelli 2021"
pf study link 2 --study "Brown 2021"
pf study link 3 --study "Hogan 2023"
pf study link 4 --study "Gupta 2025"
pf extract import extraction/outcomes.csv
pf extract import extraction/risk-of-bias.csv
pf extract import extraction/characteristics.csv
pf prisma --check
pf analyze
pf prisma --svg "$out/prisma.svg"
pf report --out "$out/report"
pf status

echo
echo "Pooled risk ratios (random effects) next to the published meta-analysis:"
"$bin" analyze --json > "$out/analyses.json"
python3 "$here/compare.py" "$out/analyses.json"
echo
echo "Report: $out/report/report.html"

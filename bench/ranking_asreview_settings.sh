#!/bin/sh
# ranking_asreview_settings.sh [PRISMAFLOW] [SHARED_DIR] [SEEDS]: replays, through
# `prismaflow screen simulate`, the configuration Ferdinands et al. 2023 tuned
# for each of ace, nudging, virus and wilson (naive Bayes smoothing, n-grams,
# split title/abstract and the double balance's parameters, read from the
# `settings` of SHARED_DIR/benchmarks/screening/ferdinands2023_asreview/
# anchor_results_NB_TFIDF_max_double/<set>_all.json), with ASReview 0.x's
# features (every token, raw tf, min_df 1) and its resampled balance, 1+1
# priors, SEEDS runs (default 15, as the paper). Prints per set the mean and
# range of WSS@95 over the runs, WSS@95 of the recall curve averaged over the
# runs (how the paper aggregates), the published figure and the wall
# seconds of one run's loop. These are per-set tuned settings: they show that the
# engine reproduces ASReview's figures given the same configuration, not what
# the product's default reaches (bench/ranking_simulate prints that).
# Needs python3 to read the JSON files.
set -eu
bin=${1:-./build/prismaflow}
shared=${2:-../shared}
seeds=${3:-15}
base="$shared/benchmarks/screening/ferdinands2023_asreview"
[ -d "$base" ] || { echo "$base: missing, nothing to run"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-8s %6s %-22s %10s %10s %8s\n' set runs "WSS@95 mean [min,max]" "mean-curve" published "s/run"
for set in ace nudging virus wilson; do
  json="$base/anchor_results_NB_TFIDF_max_double/${set}_all.json"
  flags=$(python3 - "$json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["settings"]
b = s["balance_param"]
f = s["feature_param"]
out = ["--alpha", repr(s["model_param"]["alpha"]), "--ngram", str(f["ngram_max"]),
       "--balance-params", ",".join(repr(b[k]) for k in ("a", "alpha", "b", "beta"))]
if f.get("split_ta"):
    out.append("--split-title-abstract")
print(" ".join(out), d["wss"]["95"])
EOF
)
  published=${flags##* }
  flags=${flags% *}
  start=$(date +%s.%N)
  # shellcheck disable=SC2086  # the flags are words on purpose
  "$bin" screen simulate "$base/$set.csv" --model nb --balance resample --tokens all --min-df 1 \
    --tf raw $flags --seeds "$seeds" --json --curve-csv "$tmp/$set.csv" > "$tmp/$set.jsonl"
  end=$(date +%s.%N)
  python3 - "$tmp/$set.jsonl" "$tmp/$set.csv" "$set" "$published" "$start" "$end" <<'EOF'
import csv, json, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
w = [r["wss95"] for r in runs]
cpu = sum(r["seconds"] for r in runs) / len(runs)
# The recall curve averaged over the runs: the first position where it reaches 95%.
curves = {}
for row in csv.DictReader(open(sys.argv[2])):
    curves.setdefault(row["seed"], []).append(float(row["recall"]))
n = min(len(c) for c in curves.values())
mean = [sum(c[i] for c in curves.values()) / len(curves) for i in range(n)]
first = next(i for i, r in enumerate(mean) if r >= 0.95 - 1e-12)
n_eval = n - 1
curve = 100 * ((n_eval - first) / n_eval - 0.05)
print("%-8s %6d %-22s %10.1f %10.2f %8.2f" % (sys.argv[3], len(w),
      "%.1f [%.1f,%.1f]" % (sum(w) / len(w), min(w), max(w)), curve, float(sys.argv[4]), cpu))
EOF
done

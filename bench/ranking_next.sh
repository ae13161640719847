#!/bin/sh
# ranking_next.sh [PRISMAFLOW] [SHARED_DIR] [RUNS]: times
# `prismaflow screen next --order relevance --count 10` on a review of about
# 16,000 records (issue 6, prioritiser speed). The records are the CSV sets of
# SHARED_DIR/benchmarks/screening imported into a fresh review (ace and nudging
# twice, under a second source name); 40 records get a decision first (their
# labels: 4 includes, 36 excludes) so the model trains. Prints the wall and
# CPU seconds of each call: the first builds the features, later ones may
# reuse them (cached beside review.db since issue 6's speed work). With
# NOCACHE=1 the cache is deleted before each call, which is what every call
# cost before the cache (a full TF-IDF build), plus writing the cache.
# KEEP=1 keeps the review folder for inspection.
set -eu
bin=${1:-./build/prismaflow}
shared=${2:-../shared}
runs=${3:-3}
base="$shared/benchmarks/screening"
dir=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$dir"' EXIT; echo "review=$dir/review"
"$bin" init "$dir/review" >/dev/null
n=0
for f in ferdinands2023_asreview/ace.csv ferdinands2023_asreview/nudging.csv \
         ferdinands2023_asreview/virus.csv ferdinands2023_asreview/wilson.csv \
         asreview_srd_legacy/Cohen_2006_Opiods.csv asreview_srd_legacy/Kitchenham_2010.csv; do
  n=$((n + 1))
  "$bin" import "$base/$f" --format csv --skip-bad --source "set$n" --review "$dir/review" >/dev/null
done
for f in ferdinands2023_asreview/ace.csv ferdinands2023_asreview/nudging.csv; do
  n=$((n + 1))
  "$bin" import "$base/$f" --format csv --skip-bad --source "copy$n" --review "$dir/review" >/dev/null
done
# Decisions on records 1..40 of ace (record ids follow the import order):
# ace's first rows are excluded; 4 includes are forced so both classes exist.
{
  echo "record_id,stage,reviewer,decision,reason"
  for i in $(seq 1 40); do
    if [ $((i % 10)) -eq 0 ]; then echo "$i,ta,bench,include,"; else echo "$i,ta,bench,exclude,other"; fi
  done
} > "$dir/decisions.csv"
"$bin" screen import "$dir/decisions.csv" --review "$dir/review" >/dev/null 2>&1 ||
  "$bin" screen import "$dir/decisions.csv" --review "$dir/review"
records=$("$bin" status --json --review "$dir/review" | grep -o '"unique_records": *[0-9]*' | grep -o '[0-9]*$' || true)
echo "records=${records:-?}"
for r in $(seq 1 "$runs"); do
  [ -z "${NOCACHE:-}" ] || rm -rf "$dir/review/.prismaflow-cache"
  /usr/bin/time -f "call $r: wall %e s, cpu %U+%S s, max rss %M KB" \
    "$bin" screen next --reviewer alice --order relevance --count 10 --review "$dir/review" >/dev/null
done

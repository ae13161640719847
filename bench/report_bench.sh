#!/bin/sh
# report_bench.sh [PRISMAFLOW] [STUDIES] [OUTCOMES]: builds a review with
# STUDIES included studies (default 200), each with every one of OUTCOMES
# binary outcomes (default 20) and RoB 2 judgements, 20x as many screened
# records and a prioritised-screening ranking, analyses it with
# `prismaflow analyze`, then times `prismaflow report` (best of 3) and
# `prismaflow verify`. Prints the sizes and seconds.
set -eu
bin=${1:-./build/cli/prismaflow}
k=${2:-200}
m=${3:-20}
n=$((k * 20))
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
rev="$dir/review"
"$bin" init "$rev" >/dev/null
i=1
while [ "$i" -le "$m" ]; do
  printf '\n[[outcome]]\nname = "out%d"\nlabel = "Outcome %d (events)"\ntype = "binary"\nmeasure = "RR"\nmethod = "REML"\n' \
    "$i" "$i" >> "$rev/review.toml"
  i=$((i + 1))
done
# Records 1..n; the first k are the included studies' reports. Decisions are
# dated so that inclusions come early, as prioritisation makes them.
sqlite3 "$rev/review.db" <<SQL
BEGIN;
INSERT INTO sources(source_id, name, kind, created_at) VALUES (1, 'Generated', 'database', '2025-01-01T00:00:00Z');
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $n)
INSERT INTO records(record_id, source_id, title, authors, year, journal, added_at)
  SELECT i, 1, 'Generated trial ' || i || ' of a therapy in adults', 'Author' || (i % 997) || ' A; Second B',
         1990 + i % 35, 'Journal ' || (i % 13), '2025-01-01T00:00:00Z' FROM s;
INSERT INTO screening_decisions(record_id, stage, reviewer, decision, reason, decided_at)
  SELECT record_id, 'ta', 'bench', CASE WHEN record_id <= $k THEN 'include' ELSE 'exclude' END,
         CASE WHEN record_id <= $k THEN NULL ELSE 'Wrong population' END,
         printf('2025-02-01T00:00:%06dZ', CASE WHEN record_id <= $k THEN record_id * 3 ELSE record_id END)
  FROM records;
INSERT INTO screening_decisions(record_id, stage, reviewer, decision, decided_at)
  SELECT record_id, 'ft', 'bench', 'include', '2025-03-01T00:00:00Z' FROM records WHERE record_id <= $k;
INSERT INTO studies(study_id, name, created_at)
  SELECT record_id, 'Study ' || printf('%05d', record_id), '2025-03-02T00:00:00Z' FROM records WHERE record_id <= $k;
INSERT INTO study_reports(record_id, study_id, linked_at)
  SELECT record_id, record_id, '2025-03-02T00:00:00Z' FROM records WHERE record_id <= $k;
INSERT INTO ranking_runs(stage, model, settings_json, n_included, n_excluded, decisions_sha256, created_at)
  VALUES ('ta', 'logistic', '{"model":"logistic"}', 10, 100, 'x', '2025-02-01T00:00:00Z');
COMMIT;
SQL
awk -v k="$k" -v m="$m" 'BEGIN {
  srand(11);
  print "study,outcome,extractor,subgroup,timepoint,events_t,total_t,events_c,total_c";
  for (s = 1; s <= k; s++) for (o = 1; o <= m; o++) {
    nt = 40 + int(rand() * 400); nc = 40 + int(rand() * 400);
    printf "Study %05d,out%d,,,,%d,%d,%d,%d\n", s, o, 1 + int(rand() * nt * 0.3), nt, 1 + int(rand() * nc * 0.4), nc;
  }
}' > "$dir/outcomes.csv"
awk -v k="$k" 'BEGIN {
  split("randomisation process|deviations from intended interventions|missing outcome data|measurement of the outcome|selection of the reported result|overall", d, "|");
  split("low|some concerns|high", j, "|");
  print "study,extractor,domain,judgement,support";
  for (s = 1; s <= k; s++) for (i = 1; i <= 6; i++) printf "Study %05d,,%s,%s,generated\n", s, d[i], j[(s * i) % 3 + 1];
}' > "$dir/rob.csv"
"$bin" extract import "$dir/outcomes.csv" --review "$rev" >/dev/null 2>&1
"$bin" extract import "$dir/rob.csv" --review "$rev" >/dev/null 2>&1
"$bin" analyze --review "$rev" >/dev/null 2>&1
now() { date +%s.%N; }
best=""
for run in 1 2 3; do
  start=$(now)
  "$bin" report --review "$rev" 2>/dev/null
  t=$(echo "$(now) - $start" | bc)
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
done
start=$(now)
"$bin" verify --review "$rev" >/dev/null 2>&1
verify=$(echo "$(now) - $start" | bc)
files=$(find "$rev/report" -type f | wc -l)
bytes=$(du -cb "$rev/report/report.html" | tail -1 | cut -f1)
echo "studies=$k outcomes=$m records=$n files=$files html_bytes=$bytes report_seconds=$best verify_seconds=$verify"

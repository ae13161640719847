#!/bin/sh
# import_speed.sh [PRISMAFLOW] [N]: writes an N-record (default 100000) RIS file
# of generated records and times `prismaflow import` into a fresh review.
# Prints records, file size, wall seconds, CPU seconds (user + sys) and peak
# RSS (both from /usr/bin/time when present: on a shared machine the wall time
# mostly measures the other processes). Goal (issue 4): 100000 in < 5 s.
set -eu
bin=${1:-./build/prismaflow}
n=${2:-100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
awk -v n="$n" 'BEGIN {
  srand(7);
  split("trial cohort randomised effect therapy outcome patients adults children risk review pain", w, " ");
  for (i = 1; i <= n; i++) {
    printf "TY  - JOUR\r\nID  - gen-%d\r\nTI  - %s %s of %s in %s: record %d\r\n", i, w[int(rand()*12)+1], w[int(rand()*12)+1], w[int(rand()*12)+1], w[int(rand()*12)+1], i;
    printf "AU  - Author%d, A.\r\nAU  - Second%d, B.\r\nPY  - %d\r\nJF  - Journal of %s\r\n", i % 997, i % 113, 1990 + i % 35, w[i % 12 + 1];
    printf "VL  - %d\r\nIS  - %d\r\nSP  - %d\r\nEP  - %d\r\nDO  - 10.9999/gen.%d\r\n", i % 80, i % 12, i % 900, i % 900 + 9, i;
    printf "AB  - Background text of record %d, long enough to look like an abstract of a clinical paper with methods and results.\r\n", i;
    printf "KW  - %s\r\nKW  - %s\r\nER  - \r\n\r\n", w[i % 12 + 1], w[(i + 5) % 12 + 1];
  }
}' > "$dir/big.ris"
"$bin" init "$dir/review" >/dev/null
size=$(wc -c < "$dir/big.ris")
timer=""
[ -x /usr/bin/time ] && timer="/usr/bin/time -o $dir/cpu -f %U+%S\n%M"
start=$(date +%s.%N)
$timer "$bin" import "$dir/big.ris" --source Generated --review "$dir/review" >/dev/null
end=$(date +%s.%N)
cpu=""
[ -s "$dir/cpu" ] && cpu=" cpu_seconds=$(head -n 1 "$dir/cpu" | bc) peak_rss_mb=$(($(tail -n 1 "$dir/cpu") / 1024))"
echo "records=$n bytes=$size import_seconds=$(echo "$end - $start" | bc)$cpu"

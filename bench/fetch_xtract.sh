#!/bin/sh
# The anchor for fetch_parse_bench (issue 3): EDirect's xtract (Debian
# package ncbi-entrez-direct) extracting PMID, title, abstract, authors,
# journal, year, DOI, publication types and MeSH terms to TSV from the same
# file fetch_parse_bench wrote (the bench also runs it itself when xtract is
# on PATH). Prints records/s and MB/s. With -strict, as the bench: without
# it xtract reports inline markup (<sup>, <i>) as errors on stderr (goes to
# FILE.xtract.err) and keeps only a title's text after its last tag.
#   bench/fetch_xtract.sh [FILE]   (default: $TMPDIR/prismaflow-fetch-bench/bench.xml)
set -eu
file=${1:-${TMPDIR:-/tmp}/prismaflow-fetch-bench/bench.xml}
command -v xtract >/dev/null || { echo "xtract not installed: apt-get install ncbi-entrez-direct"; exit 0; }
[ -f "$file" ] || { echo "$file missing: run fetch_parse_bench first"; exit 1; }
start=$(date +%s.%N)
xtract -strict -input "$file" -pattern PubmedArticle \
  -element MedlineCitation/PMID ArticleTitle AbstractText \
  -sep "|" -element Author/LastName \
  -element Journal/Title PubDate/Year \
  -block ArticleId -if @IdType -equals doi -element ArticleId \
  -block PublicationTypeList -sep "|" -element PublicationType \
  -block MeshHeadingList -sep "|" -element DescriptorName > "$file.tsv" 2> "$file.xtract.err"
end=$(date +%s.%N)
rows=$(wc -l < "$file.tsv")
warn=$(wc -l < "$file.xtract.err")
bytes=$(stat -c %s "$file")
awk -v w="$warn" -v s="$start" -v e="$end" -v r="$rows" -v b="$bytes" 'BEGIN {
  t = e - s; printf "xtract: %d records in %.2f s = %.0f records/s (%.1f MB/s), %d warning lines\n", r, t, r / t, b / 1e6 / t, w }'

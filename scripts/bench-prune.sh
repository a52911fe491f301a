#!/usr/bin/env bash
# `hq apply --prune` of an environment with a fifth of its customers taken out, against the
# import of those same rows (issue 19, item 4: "under 3x the time the import of the same rows
# takes").
#
#   bash scripts/bench-prune.sh [N]      (default 1000000)
#
# In one run, on a fresh data file with the benchmark organisation (scripts/bench-lib.sh):
# imports N generated customers (accounts 1 to N, not timed), exports the environment (not
# timed), takes every fifth customer out of the export and times `hq apply --prune --yes` of it
# (a plan of the 4N/5 kept, then the removal of N/5 with their rows, tombstones and audit
# entry), then times `hq customer import` of the same N/5 rows back into the pruned file: the
# import that undoes the prune. Prints seconds and peak memory (GNU time) of each, and the
# ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
source scripts/bench-lib.sh
bench_init
export HQ_NO_INPUT=1 HQ_DATA=$tmp/hq.db
organisation
customers_csv "$n" "$tmp/all.csv"
"$hq" -q customer import "$tmp/all.csv"
"$hq" -q export -o "$tmp/env.toml"
# Customer i (account i, the i-th table of the export) is taken out when i is a multiple of 5;
# its CSV row is data row i.
awk '
  /^\[\[customers\]\]/ { c++ ; skip = (c % 5 == 0) }
  /^\[\[/ && !/^\[\[customers/ { skip = 0 }
  /^\[[a-z_]+\]$/ { skip = 0 }
  !skip { print }' "$tmp/env.toml" > "$tmp/pruned.toml"
awk 'NR == 1 || (NR - 1) % 5 == 0' "$tmp/all.csv" > "$tmp/removed.csv"
rm "$tmp/all.csv" "$tmp/env.toml"

echo "machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d); customers: $n"
timed "apply --prune (removes $((n / 5)) of $n)" apply --prune --yes "$tmp/pruned.toml"; prune=$secs
timed "customer import of the same $((n / 5)) rows" customer import "$tmp/removed.csv"; back=$secs
awk -v p="$prune" -v b="$back" 'BEGIN {
  printf "apply --prune / import of the same rows: %.2fx (target: under 3x)\n", p / b }'

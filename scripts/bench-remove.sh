#!/usr/bin/env bash
# Removal of many customers against their import (issue 19, item 4: "under 3x the time the
# import of the same rows takes").
#
#   bash scripts/bench-remove.sh [N]      (default 200000)
#
# In one run, on a fresh data file with the benchmark organisation (scripts/bench-lib.sh):
# times `customer import` of N generated customers in group 99, then `customer remove --group
# 99 --yes` of all of them; imports them again and times `customer remove --from FILE --yes`
# of the same accounts listed in a file. Prints seconds and peak memory (GNU time) of each and
# the ratio of each removal to the import.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200000}
source scripts/bench-lib.sh
bench_init
export HQ_NO_INPUT=1 HQ_DATA=$tmp/hq.db
organisation
"$hq" -q customer-group add 99 --description "To remove"
customers_csv "$n" "$tmp/all.csv"
sed '2,$ s/,30,USD,/,99,USD,/' "$tmp/all.csv" > "$tmp/c.csv"

timed "customer import ($n)" customer import "$tmp/c.csv"; import=$secs
timed "customer remove --group 99 ($n)" customer remove --group 99 --yes; group=$secs
timed "customer import again ($n)" customer import "$tmp/c.csv"
# The second import took the next N accounts of the sequence (after N and the import's own).
"$hq" --json customer list --group 99 --limit 1 2>/dev/null | grep -o '"account": *"[^"]*"' | cut -d'"' -f4 > "$tmp/first"
first=$((10#$(cat "$tmp/first")))
seq -f "%08g" "$first" $((first + n - 1)) > "$tmp/accounts"
timed "customer remove --from FILE ($(wc -l < "$tmp/accounts"))" customer remove --from "$tmp/accounts" --yes; from=$secs
awk -v i="$import" -v g="$group" -v f="$from" 'BEGIN {
  printf "remove --group / import: %.2fx; remove --from / import: %.2fx (target: under 3x)\n", g / i, f / i }'

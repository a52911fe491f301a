#!/usr/bin/env bash
# Export against SQLite's own dump (issue 19, item 5: "export of 1M customers within 2x of
# `sqlite3 .dump` of the customer tables, same run").
#
#   bash scripts/bench-export.sh [N]      (default 1000000)
#
# Imports N generated customers (not timed), then times, in one run, `hq export -o FILE` and
# `sqlite3 FILE .dump` of the tables that hold customers (customers and their five list
# tables), each written to a file, with their peak memory (GNU time) and sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
source scripts/bench-lib.sh
bench_init sqlite3
customers_csv "$n" "$tmp/customers.csv"
export HQ_DATA=$tmp/hq.db HQ_NO_INPUT=1
organisation > /dev/null
"$hq" -q customer import "$tmp/customers.csv"
rm "$tmp/customers.csv"
tables="customers customer_addresses customer_contacts customer_attribute_values customer_affiliations customer_address_books"

/usr/bin/time -f "%e %M" -o "$tmp/t1" "$hq" -q export -o "$tmp/env.toml"
/usr/bin/time -f "%e %M" -o "$tmp/t2" sqlite3 "$HQ_DATA" ".output $tmp/dump.sql" ".dump $tables"
read -r e_s e_kb < "$tmp/t1"
read -r d_s d_kb < "$tmp/t2"
printf '| what | seconds | peak MB | output MB |\n|---|---|---|---|\n'
printf '| hq export -o FILE | %s | %s | %s |\n' "$e_s" "$((e_kb / 1024))" "$(( $(stat -c %s "$tmp/env.toml") / 1048576 ))"
printf '| sqlite3 .dump of the 6 customer tables | %s | %s | %s |\n' "$d_s" "$((d_kb / 1024))" "$(( $(stat -c %s "$tmp/dump.sql") / 1048576 ))"
awk -v e="$e_s" -v d="$d_s" 'BEGIN { printf "export / dump: %.2fx (target: within 2x)\n", e / d }'

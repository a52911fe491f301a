#!/usr/bin/env bash
# Customer import benchmark (DESIGN.md 8): `hq customer import` of N generated customers,
# validation included, against `sqlite3 .import` of the same CSV into an empty table.
#
#   bash scripts/bench-import.sh [N] [--data postgres://USER@HOST:PORT/DB]   (N: 1000000)
#
# Prints one markdown table row per measurement; docs/performance.md keeps the figures.
# With --data (an empty database), hq imports there, and the baseline is `psql \copy` of the
# same CSV into one table of another schema of that database.
set -euo pipefail
cd "$(dirname "$0")/.."
n=1000000
server=
while [ $# -gt 0 ]; do
  case $1 in
    --data) server=$2; shift 2 ;;
    *) n=$1; shift ;;
  esac
done
source scripts/bench-lib.sh
bench_init sqlite3
csv=$tmp/customers.csv

customers_csv "$n" "$csv"
size=$(du -h "$csv" | cut -f1)
data=${server:-$tmp/hq.db}
export HQ_DATA=$data HQ_NO_INPUT=1
organisation
t0=$(now)
"$hq" -q customer import "$csv"
t1=$(now)
hq_s=$(echo "$t1 - $t0" | bc)

if [ -n "$server" ]; then
  cols=$(head -1 "$csv" | sed 's/,/" text, "/g; s/^/"/; s/$/" text/')
  psql -q "$server" -c "DROP SCHEMA IF EXISTS bench CASCADE" -c "CREATE SCHEMA bench" \
    -c "CREATE TABLE bench.customers ($cols)"
  t0=$(now)
  psql -q "$server" -c "\\copy bench.customers FROM '$csv' CSV HEADER"
  t1=$(now)
  pg_s=$(echo "$t1 - $t0" | bc)
  psql -q "$server" -c "DROP SCHEMA bench CASCADE"
  echo "machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d); rows: $n; CSV: $size; PostgreSQL $(psql "$server" -Atc 'SHOW server_version')"
  echo "| what | seconds | rows/s |"
  echo "|---|---|---|"
  printf '| hq customer import into PostgreSQL (validation, indexes kept) | %.2f | %.0f |\n' "$hq_s" "$(echo "$n / $hq_s" | bc -l)"
  printf '| psql \\copy (one table, no checks, no indexes) | %.2f | %.0f |\n' "$pg_s" "$(echo "$n / $pg_s" | bc -l)"
  exit 0
fi

t0=$(now)
sqlite3 "$tmp/plain.db" ".mode csv" ".import $csv customers"
t1=$(now)
sq_s=$(echo "$t1 - $t0" | bc)
# The floor (issue 19): SQLite alone loading one row a customer and building the indexes the
# searches need, in the same run (scripts/bench-import-floor.sh).
floor_s=$(bash scripts/bench-import-floor.sh "$n" | awk -F'|' '/load and indexes/ {gsub(/ /, "", $3); print $3}')
echo "machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d); rows: $n; CSV: $size"
echo "| what | seconds | rows/s |"
echo "|---|---|---|"
printf '| hq customer import (validation, indexes rebuilt) | %.2f | %.0f |\n' "$hq_s" "$(echo "$n / $hq_s" | bc -l)"
printf '| sqlite3 .import (one table, no checks) | %.2f | %.0f |\n' "$sq_s" "$(echo "$n / $sq_s" | bc -l)"
printf '| the floor: sqlite3 load and indexes (bench-import-floor.sh) | %.2f | %.0f |\n' "$floor_s" "$(echo "$n / $floor_s" | bc -l)"
printf '\nhq customer import is %.2fx the floor (target: 1.5x)\n' "$(echo "$hq_s / $floor_s" | bc -l)"

# First page of filtered listings over what was imported (target: well under 20 ms each,
# process start included), mean of 20 runs.
"$hq" -q address-book add HOUSTON-EMP --name "Houston staff" --kind employee
"$hq" -q store add HOUSTON --name Houston --legal-entity USRT --currency USD --time-zone America/Chicago \
  --street "1 Main St" --city Houston --customer-address-book HOUSTON-CUST --employee-address-book HOUSTON-EMP
echo
echo "| first page (50 customers) | ms |"
echo "|---|---|"
page() {
  local label=$1; shift
  local t0 t1
  t0=$(now)
  for _ in $(seq 20); do "$hq" customer list "$@" --json >/dev/null 2>&1; done
  t1=$(now)
  printf '| %s | %.1f |\n' "$label" "$(echo "($t1 - $t0) * 1000 / 20" | bc -l)"
}
page "no filter" 
page "--group 30" --group 30
page "--store HOUSTON" --store HOUSTON
page "--search knuth (last name prefix)" --search knuth
page "--search grace.hopper5 (email prefix)" --search grace.hopper5
page "--search +1713200 (phone prefix)" --search +1713200
page "--search 00123 (account prefix)" --search 00123
page "--store HOUSTON --search knuth" --store HOUSTON --search knuth
page "--group 30 --search ada" --group 30 --search ada

# The store's customer search (`hq pos ... customer search`): the same search over the store's
# customer address books as its channel database has them (jobs 1060 and 1070 carry the worker
# and the store; the customers stay in HQ).
"$hq" -q permission-group add CASHIER --description Cashier
"$hq" -q worker add 000160 --name "Ann Beebe" --permission-group CASHIER --employee-address-book HOUSTON-EMP
"$hq" -q job run 1060 1070 --channel-db Default >/dev/null
pos_page() {
  local label=$1; shift
  local t0 t1
  t0=$(now)
  for _ in $(seq 20); do "$hq" pos --store HOUSTON --worker 000160 customer search "$@" --json >/dev/null 2>&1; done
  t1=$(now)
  printf '| %s | %.1f |\n' "$label" "$(echo "($t1 - $t0) * 1000 / 20" | bc -l)"
}
pos_page "pos customer search knuth (at the store)" knuth
pos_page "pos customer search grace.hopper5 (at the store)" grace.hopper5

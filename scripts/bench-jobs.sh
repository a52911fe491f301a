#!/usr/bin/env bash
# Distribution benchmark (DESIGN.md 8): job 1010 over N customers (default 1,000,000).
#
#   bash scripts/bench-jobs.sh [N] [--data postgres://USER@HOST:PORT/DB] [--file]
#                              [--channel postgres://USER@HOST:PORT/DB]
#
# Imports N generated customers (not timed), then times, in one run:
#   - a raw copy of the seven tables job 1010 carries into a new file with the sqlite3 shell
#     (ATTACH + CREATE TABLE ... AS SELECT), the baseline;
#   - `hq job run 1010 --full` into the empty channel database Default (target: within 2x);
#   - 1 % of the customers changed (an UPDATE through sqlite3 that bumps their change version
#     as hq would), then `hq job run 1010`, five times: the median (target: under 10 % of
#     the full run);
#   - `hq job run 1010` and `hq job pending` with nothing pending (target: under 20 ms), mean
#     of 20 runs, process start included.
# With --data (an empty database on a server), the customers are imported into a SQLite file
# and moved there with `hq copy` (faster than an import into the server; not timed), the
# baseline is `CREATE TABLE ... AS SELECT` of the seven tables into another schema of that
# database through psql, and the 1 % change is made through psql.
# With --file the jobs deliver to a channel database in a file of its own; with --channel (an
# empty database on a server, its password in PGPASSWORD or ~/.pgpass) to a channel database
# in that database. The baseline stays the raw copy above.
set -euo pipefail
cd "$(dirname "$0")/.."
n=1000000
server=
own_file=
channel=
while [ $# -gt 0 ]; do
  case $1 in
    --data) server=$2; shift 2 ;;
    --file) own_file=1; shift ;;
    --channel) channel=$2; shift 2 ;;
    *) n=$1; shift ;;
  esac
done
source scripts/bench-lib.sh
bench_init sqlite3
customers_csv "$n" "$tmp/customers.csv"
export HQ_DATA=$tmp/hq.db HQ_NO_INPUT=1
organisation
"$hq" -q customer import "$tmp/customers.csv"
rm "$tmp/customers.csv"
if [ -n "$server" ]; then
  "$hq" -q copy --from "$HQ_DATA" --to "$server" >/dev/null
  rm "$HQ_DATA"
  export HQ_DATA=$server
fi

target=(--channel-db Default)
if [ -n "$own_file" ]; then
  "$hq" -q channel-db init "$tmp/channel.db" --id STORES
  "$hq" -q channel-db add STORES --location "$tmp/channel.db"
  target=(--channel-db STORES)
fi
if [ -n "$channel" ]; then
  "$hq" -q channel-db init "$channel" --id STORES
  "$hq" -q channel-db add STORES --location "$channel"
  target=(--channel-db STORES)
fi

tables="customer_groups customers customer_addresses customer_contacts customer_attribute_values customer_affiliations customer_address_books"
if [ -n "$server" ]; then
  copy_sql="DROP SCHEMA IF EXISTS bench CASCADE; CREATE SCHEMA bench; BEGIN;"
  for t in $tables; do copy_sql+=" CREATE TABLE bench.$t AS SELECT * FROM public.$t;"; done
  copy_sql+=" COMMIT;"
  t0=$(now)
  psql -q "$server" -c "$copy_sql"
  t1=$(now)
  psql -q "$server" -c "DROP SCHEMA bench CASCADE"
else
  copy_sql="ATTACH '$HQ_DATA' AS h; BEGIN;"
  for t in $tables; do copy_sql+=" CREATE TABLE $t AS SELECT * FROM h.$t;"; done
  copy_sql+=" COMMIT;"
  t0=$(now)
  sqlite3 "$tmp/raw.db" "$copy_sql"
  t1=$(now)
fi
raw_s=$(echo "$t1 - $t0" | bc)

t0=$(now)
"$hq" -q job run 1010 --full "${target[@]}" >/dev/null
t1=$(now)
full_s=$(echo "$t1 - $t0" | bc)

change_sql="BEGIN;
  UPDATE hq_meta SET change_version = change_version + 1;
  UPDATE customers SET first_name = first_name || 'x',
         change_version = (SELECT change_version FROM hq_meta)
   WHERE CAST(account AS INTEGER) % 100 = 0;
  COMMIT;"
# Five rounds of a 1 % change and the run that carries it: the median, and the range (one
# round on this machine moved by 15 % from run to run).
incs=()
for _ in 1 2 3 4 5; do
  if [ -n "$server" ]; then
    psql -q "$server" -c "$change_sql"
  else
    sqlite3 "$HQ_DATA" "$change_sql"
  fi
  t0=$(now)
  "$hq" -q job run 1010 "${target[@]}" >/dev/null
  t1=$(now)
  incs+=("$(echo "$t1 - $t0" | bc)")
done
sorted=($(printf '%s\n' "${incs[@]}" | sort -n))
inc_s=${sorted[2]}
inc_range=$(printf '%.3f-%.3f' "${sorted[0]}" "${sorted[4]}")

mean_ms() {
  local t0 t1
  t0=$(now)
  for _ in $(seq 20); do "$@" >/dev/null; done
  t1=$(now)
  echo "($t1 - $t0) * 1000 / 20" | bc -l
}
idle_ms=$(mean_ms "$hq" -q job run 1010 "${target[@]}")
pending_ms=$(mean_ms "$hq" job pending --json "${target[@]}")

engine=SQLite
[ -z "$server" ] || engine="PostgreSQL $(psql "$server" -Atc 'SHOW server_version')"
[ -z "$own_file" ] || engine="$engine; channel database in a file of its own"
[ -z "$channel" ] || engine="$engine; channel database in a database of its own on the server"
echo "machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d); customers: $n; $engine"
echo "| what | time | vs target |"
echo "|---|---|---|"
baseline="sqlite3 ATTACH + CREATE TABLE AS SELECT"
[ -z "$server" ] || baseline="psql CREATE TABLE AS SELECT"
printf '| raw copy of the 7 tables (%s) | %.2f s | baseline |\n' "$baseline" "$raw_s"
printf '| hq job run 1010 --full | %.2f s | %.2fx the raw copy (target 2x) |\n' "$full_s" "$(echo "$full_s / $raw_s" | bc -l)"
printf '| hq job run 1010 after 1 %% changed (median of 5; range %s s) | %.3f s | %.1f %% of the full run (target 10 %%) |\n' "$inc_range" "$inc_s" "$(echo "$inc_s * 100 / $full_s" | bc -l)"
printf '| hq job run 1010, nothing pending | %.1f ms | target 20 ms |\n' "$idle_ms"
printf '| hq job pending --json, nothing pending | %.1f ms | target 20 ms |\n' "$pending_ms"

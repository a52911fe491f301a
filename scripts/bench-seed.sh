#!/usr/bin/env bash
# `hq seed` benchmark (DESIGN.md 8; issue 8: "a million customers in seconds").
#
#   bash scripts/bench-seed.sh [N]
#
# Sets up the benchmark organisation (scripts/bench-lib.sh: USRT, group 30, an 8-digit
# customer_account sequence) with store HOUSTON, its default customer, two workers, client
# books and activity types (not timed), then times
#   - `hq seed --customers N --store HOUSTON` (default N: 1,000,000), customers only;
#   - `hq seed --customers N/10 --store HOUSTON --client-books --activities` on top;
# and reports the data file's size and the peak memory (GNU time, when present).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
source scripts/bench-lib.sh
bench_init
export HQ_DATA=$tmp/hq.db HQ_NO_INPUT=1
organisation
"$hq" -q address-book add HOUSTON-EMP --name "Houston staff" --kind employee
"$hq" -q store add HOUSTON --name Houston --legal-entity USRT --currency USD \
  --time-zone America/Chicago --street "1 Main St" --city Houston --state TX --postal-code 77002 \
  --customer-address-book HOUSTON-CUST --employee-address-book HOUSTON-EMP
"$hq" -q customer add --type person --first-name Walk --last-name In --group 30 --currency USD \
  --receipt-option print --address-book HOUSTON-CUST
"$hq" -q store set HOUSTON --default-customer 00000001
"$hq" -q feature enable clienteling
"$hq" -q numseq add CLIENTBOOK --format "CB-#####" --legal-entity USRT
"$hq" -q numseq assign client_book_id CLIENTBOOK --legal-entity USRT
"$hq" -q permission-group add SALES --description "Sales associate"
"$hq" -q worker add 000160 --name "Ann Beebe" --employee-address-book HOUSTON-EMP --permission-group SALES
"$hq" -q worker add 000161 --name "Omar Haddad" --employee-address-book HOUSTON-EMP --permission-group SALES
"$hq" -q activity-type add VISIT --description "Store visit"
"$hq" -q activity-type add PHONE --description "Phone call"

measure() { # LABEL ARGS...
  local label=$1
  shift
  local t0 t1
  if [ -x /usr/bin/time ]; then
    t0=$(now)
    /usr/bin/time -f "%M" -o "$tmp/mem" "$hq" -q "$@" >/dev/null
    t1=$(now)
    printf '%-46s %8.2f s  peak %6d MiB\n' "$label" "$(echo "$t1 - $t0" | bc)" "$(( $(cat "$tmp/mem") / 1024 ))"
  else
    t0=$(now)
    "$hq" -q "$@" >/dev/null
    t1=$(now)
    printf '%-46s %8.2f s\n' "$label" "$(echo "$t1 - $t0" | bc)"
  fi
}

measure "seed $n customers" seed --customers "$n" --store HOUSTON --seed 1
measure "seed $((n / 10)) with client books and activities" \
  seed --customers $((n / 10)) --store HOUSTON --seed 2 --client-books --activities
echo "data file: $(du -m "$HQ_DATA" | cut -f1) MiB"

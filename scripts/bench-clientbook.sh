#!/usr/bin/env bash
# Client book filtering benchmark (DESIGN.md 8: first page under 20 ms over 1M customers).
#
#   bash scripts/bench-clientbook.sh [N]        (default 1000000)
#
# Imports N generated customers (not timed) and sets up clienteling with hq commands; then,
# as setup shortcuts through sqlite3, puts every customer in worker 000160's client book and
# gives 1 % of them PreferredCategory=Handbags (the rest Shoes), an AnnualSpend of 0 to 4999
# (account modulo 5000) and a Birthday spread over the days of the year. Times the first page
# (50, --json, process start included, mean of 20 runs) of the filtered views: equality, a
# range, a comparison, dates coming up, and these together.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
source scripts/bench-lib.sh
bench_init sqlite3
customers_csv "$n" "$tmp/customers.csv"
export HQ_DATA=$tmp/hq.db HQ_NO_INPUT=1
organisation
"$hq" -q customer import "$tmp/customers.csv"
rm "$tmp/customers.csv"
q() { "$hq" -q "$@" >/dev/null; }
q address-book add HOUSTON-EMP --name "Houston staff" --kind employee
q store add HOUSTON --name Houston --legal-entity USRT --currency USD --time-zone America/Chicago \
  --street "1 Main St" --city Houston --customer-address-book HOUSTON-CUST --employee-address-book HOUSTON-EMP
q feature enable clienteling
q numseq add CLIENTBOOK --format "CB-#####" --legal-entity USRT
q numseq assign client_book_id CLIENTBOOK --legal-entity USRT
q attribute-type add Interests --kind text --value Handbags --value Shoes
q attribute-type add Spend --kind currency
q attribute-type add Date --kind datetime
q attribute add PreferredCategory --type Interests
q attribute add AnnualSpend --type Spend
q attribute add Birthday --type Date
q attribute-group add Clienteling --description "Client book attributes"
q attribute-group attribute add Clienteling PreferredCategory --order 1 --refinable
q attribute-group attribute add Clienteling AnnualSpend --order 2 --refinable
q attribute-group attribute add Clienteling Birthday --order 3 --refinable
q param set --client-book-attribute-group Clienteling
q permission-group add MANAGER --description Manager
q permission-group allow MANAGER 712 713 714 715 716
q worker add 000160 --name "Ann Beebe" --employee-address-book HOUSTON-EMP --permission-group MANAGER
q layout add L --name Layout
q layout button add L --operation 712
q layout button add L --operation 713
q layout assign L --store HOUSTON
q job run 1040 1150 1110 1090 1060 1070
# One customer through hq creates the book; the rest join it through sqlite3.
first=$(sqlite3 "$HQ_DATA" "SELECT min(account) FROM customers")
q pos --store HOUSTON --worker 000160 clientbook add "$first"
sqlite3 "$HQ_DATA" "BEGIN;
  INSERT OR IGNORE INTO client_book_customers (account, book_id, added_at, added_by, change_version)
    SELECT account, 'CB-00001', '2026-01-01T00:00:00Z', '000160', 1 FROM customers;
  INSERT INTO customer_attribute_values (account, attribute, value, change_version)
    SELECT account, 'PreferredCategory',
           CASE WHEN CAST(account AS INTEGER) % 100 = 0 THEN 'Handbags' ELSE 'Shoes' END, 1
      FROM customers;
  INSERT INTO customer_attribute_values (account, attribute, value, change_version)
    SELECT account, 'AnnualSpend', CAST(CAST(account AS INTEGER) % 5000 AS TEXT), 1
      FROM customers;
  INSERT INTO customer_attribute_values (account, attribute, value, change_version)
    SELECT account, 'Birthday',
           date('1950-01-01', '+' || (CAST(account AS INTEGER) * 7 % 18262) || ' days')
             || 'T00:00:00Z', 1
      FROM customers;
  COMMIT;"

mean_ms() {
  local t0 t1
  "$@" >/dev/null 2>&1 # warm-up, not measured
  t0=$(now)
  for _ in $(seq 20); do "$@" >/dev/null 2>&1; done
  t1=$(now)
  echo "($t1 - $t0) * 1000 / 20" | bc -l
}
p="$hq pos --store HOUSTON --worker 000160"
echo "machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d); customers in the book: $n"
echo "| first page (50) | ms |"
echo "|---|---|"
printf '| pos clientbook view (no filter) | %.1f |\n' "$(mean_ms $p clientbook view --json)"
printf '| pos clientbook view --filter PreferredCategory=Handbags (1 %%) | %.1f |\n' "$(mean_ms $p clientbook view --filter PreferredCategory=Handbags --json)"
printf '| pos clientbook view --filter PreferredCategory=Shoes (99 %%) | %.1f |\n' "$(mean_ms $p clientbook view --filter PreferredCategory=Shoes --json)"
printf '| pos clientbook store-view --filter PreferredCategory=Handbags | %.1f |\n' "$(mean_ms $p clientbook store-view --filter PreferredCategory=Handbags --json)"
printf '| customer list --attribute PreferredCategory=Handbags (HQ) | %.1f |\n' "$(mean_ms "$hq" customer list --attribute PreferredCategory=Handbags --json)"
printf '| pos clientbook view --filter AnnualSpend=1000..1049 (range, 1 %%) | %.1f |\n' "$(mean_ms $p clientbook view --filter AnnualSpend=1000..1049 --json)"
printf '| pos clientbook view --filter AnnualSpend>=100 (98 %%) | %.1f |\n' "$(mean_ms $p clientbook view --filter 'AnnualSpend>=100' --json)"
printf '| pos clientbook view --upcoming Birthday:30d (8 %%, soonest first) | %.1f |\n' "$(mean_ms $p clientbook view --upcoming Birthday:30d --json)"
printf '| pos clientbook view --upcoming Birthday:7d --filter PreferredCategory=Handbags --filter AnnualSpend>=2500 | %.1f |\n' "$(mean_ms $p clientbook view --upcoming Birthday:7d --filter PreferredCategory=Handbags --filter 'AnnualSpend>=2500' --json)"
printf '| customer list --attribute AnnualSpend=1000..1049 (HQ) | %.1f |\n' "$(mean_ms "$hq" customer list --attribute AnnualSpend=1000..1049 --json)"

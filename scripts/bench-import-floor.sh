#!/usr/bin/env bash
# The floor under `hq customer import` (DESIGN.md 8, issue 5), measured with the sqlite3 shell
# alone: no parsing in Rust, no validation, no per-row statements.
#
#   bash scripts/bench-import-floor.sh [N]        (default 1000000)
#
# 1. `sqlite3 .import` of the benchmark CSV into an empty table (the target to beat);
# 2. `INSERT ... SELECT` of those rows into ONE customers table holding everything a customer
#    has (the narrowest schema there could be: one row per customer, primary contacts and
#    address inline), rollback journal, large cache;
# 3. each secondary index the customer filters and searches need (DESIGN.md 8: first page under
#    20 ms), built once over the loaded rows.
# If 2 plus 3 is above 1, no import that keeps those indexes can beat `sqlite3 .import`.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell" >&2; exit 1; }
n=${1:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source scripts/bench-lib.sh
customers_csv "$n" "$tmp/c.csv"

t0=$(now)
sqlite3 "$tmp/plain.db" ".mode csv" ".import $tmp/c.csv customers"
t1=$(now)
import_s=$(echo "$t1 - $t0" | bc)

cat > "$tmp/floor.sql" <<SQL
PRAGMA cache_size = -262144;
PRAGMA temp_store = MEMORY;
ATTACH '$tmp/plain.db' AS p;
CREATE TABLE customers (
    account TEXT PRIMARY KEY COLLATE NOCASE, legal_entity TEXT NOT NULL, type TEXT NOT NULL,
    first_name TEXT, middle_name TEXT, last_name TEXT, organization_name TEXT,
    search_name TEXT NOT NULL, search_last TEXT NOT NULL, group_id TEXT NOT NULL,
    receipt_option TEXT, receipt_email TEXT, currency TEXT NOT NULL, language TEXT NOT NULL,
    financial_dimensions TEXT NOT NULL, status TEXT NOT NULL,
    email TEXT, email_search TEXT, phone TEXT, phone_search TEXT,
    purpose TEXT, street TEXT, city TEXT, state TEXT, postal_code TEXT, country TEXT,
    address_book TEXT, change_version INTEGER NOT NULL) WITHOUT ROWID;
.timer on
BEGIN;
INSERT INTO customers SELECT printf('%08d', rowid), 'USRT', type, first_name, NULL, last_name, NULL,
  lower(first_name || ' ' || last_name), lower(last_name), "group", NULL, NULL, currency, language,
  '[{"name":"BusinessUnit","value":"002"}]', 'active', email, lower(email), phone, substr(phone, 2),
  'home', street, city, state, postal_code, country, address_books, 9
  FROM p.customers;
COMMIT;
CREATE INDEX by_last_name ON customers (search_last);
CREATE INDEX by_name ON customers (search_name);
CREATE INDEX by_email ON customers (email_search);
CREATE INDEX by_phone ON customers (phone_search);
CREATE INDEX by_group ON customers (group_id, account);
CREATE INDEX by_address_book ON customers (address_book, account);
CREATE INDEX by_version ON customers (change_version);
SQL
times=$(sqlite3 "$tmp/floor.db" < "$tmp/floor.sql" | awk '/^Run Time/ {print $4}')
read -r -a t <<< "$(echo $times)"
# t: BEGIN, INSERT, COMMIT, then one per index.
load=$(echo "${t[1]} + ${t[2]}" | bc)
names=("search_last" "search_name" "email" "phone digits" "group, account" "address book, account" "change_version")
echo "machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d); rows: $n"
echo "| step | seconds |"
echo "|---|---|"
printf '| sqlite3 .import of the CSV (the target) | %.2f |\n' "$import_s"
printf '| INSERT ... SELECT into one customers table, commit | %.2f |\n' "$load"
total=$load
for i in "${!names[@]}"; do
  s=${t[$((i + 3))]}
  printf '| index on %s | %.2f |\n' "${names[$i]}" "$s"
  total=$(echo "$total + $s" | bc)
done
printf '| load and indexes | %.2f |\n' "$total"

#!/usr/bin/env bash
# Makes tests/fixtures/schema12/: a data file written by hq at schema 12 (main before one row a
# customer, commit 506bcb0) as SQL text, and what that hq showed of it, for the migration test
# (`migration::a_file_of_schema_12_reads_the_same_after_one_row_a_customer`).
#
#   git worktree add /tmp/hq12 506bcb0 && (cd /tmp/hq12 && cargo build --release)
#   bash scripts/make-schema12-fixture.sh /tmp/hq12/target/release/hq
#
# The file: the example environment (fixtures/contoso.toml, its jobs run), the CSV of the
# fixture imported for HOUSTON, a customer with a second email, a second phone and a second
# address (its primaries not first in their lists), and a change to a primary phone made after
# the jobs ran, so that job 1010 has it to carry after the migration.
set -euo pipefail
cd "$(dirname "$0")/.."
old=${1:?the path of an hq binary built from 506bcb0}
out=tests/fixtures/schema12
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The clock and actor the integration tests give hq, so that both builds write the same.
export HQ_NO_INPUT=1 HQ_ACTOR=tester HQ_NOW=2026-01-15T09:00:00Z NO_COLOR=1
hq() { "$old" --data "$tmp/hq.db" "$@"; }

hq -q apply fixtures/contoso.toml >/dev/null
hq -q customer import "$out/customers.csv" --store HOUSTON
hq export > "$out/export-import.toml"
hq -q customer contact add 100003 --email ada.second@example.com
hq -q customer contact add 100003 --phone "+1 713 555 0177" --primary
hq -q customer address add 100003 --purpose delivery --street "9 Dock St" --city Houston \
  --state TX --postal-code 77003
hq -q customer address add 100003 --purpose invoice --street "2 Bank St" --city Houston \
  --state TX --postal-code 77004 --primary
hq -q job run 9999 >/dev/null
# Changed after the jobs: pending for 1010 when the file is migrated.
hq -q customer contact set 100004 "+12065550101" --value "+1 713 555 0199"

# .dump leaves out the schema version and hq's mark.
{
  sqlite3 "$tmp/hq.db" .dump
  for p in user_version application_id; do
    echo "PRAGMA $p = $(sqlite3 "$tmp/hq.db" "PRAGMA $p");"
  done
} > "$out/hq.sql"
hq export > "$out/export.toml"
hq customer show 100003 --json > "$out/show-100003.json"
for s in ada ada.second 1713555 +1713555 lovelace 10001; do
  hq customer list --search "$s" --json > "$out/search-$s.json"
done
echo "wrote $out: $(du -sh "$out" | cut -f1)"

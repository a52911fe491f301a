#!/usr/bin/env bash
# Peak memory of the bulk commands at two sizes (issue 19, item 3: "memory flat in N").
#
#   bash scripts/bench-memory.sh [SMALL] [LARGE]      (default 100000 1000000)
#
# For each size N, on a fresh data file with the benchmark organisation (scripts/bench-lib.sh)
# and store HOUSTON, measures with GNU time (`%M`, peak resident set size) and wall time:
#   customer import of N rows, seed --customers N (a second file), job run 9999 --full,
#   export, plan of that export (no difference), apply of it into a new file, and
#   apply --prune of the export with a fifth of its customers taken out.
# Prints a Markdown table: command, then peak MB and seconds at each size, and the ratio of
# the large size's peak to the small one's.
set -euo pipefail
cd "$(dirname "$0")/.."
small=${1:-100000}
large=${2:-1000000}
source scripts/bench-lib.sh
bench_init
export HQ_NO_INPUT=1

store() {
  "$hq" -q address-book add HOUSTON-EMP --name "Houston staff" --kind employee
  "$hq" -q store add HOUSTON --name Houston --legal-entity USRT --currency USD \
    --time-zone America/Chicago --street "1 Main St" --city Houston --state TX \
    --postal-code 77002 --customer-address-book HOUSTON-CUST --employee-address-book HOUSTON-EMP
  "$hq" -q customer add --type person --first-name Walk --last-name In --group 30 \
    --currency USD --receipt-option print --address-book HOUSTON-CUST
  "$hq" -q store set HOUSTON --default-customer 00000001
}

# measure LABEL N ARGS...: appends "LABEL N MB SECONDS" to $tmp/results.
measure() {
  local label=$1 n=$2
  shift 2
  /usr/bin/time -f "%M %e" -o "$tmp/time" "$hq" -q "$@" > /dev/null
  read -r kb secs < "$tmp/time"
  echo "$label $n $((kb / 1024)) $secs" >> "$tmp/results"
  echo "  $label ($n): $((kb / 1024)) MB, ${secs}s" >&2
}

for n in "$small" "$large"; do
  echo "N = $n" >&2
  dir=$tmp/$n
  mkdir -p "$dir"
  export HQ_DATA=$dir/hq.db
  organisation
  store
  customers_csv "$n" "$dir/customers.csv"
  measure "customer_import" "$n" customer import "$dir/customers.csv"
  (export HQ_DATA=$dir/seeded.db; organisation; store) > /dev/null
  measure "seed" "$n" --data "$dir/seeded.db" seed --customers "$n" --store HOUSTON
  measure "job_run_9999_full" "$n" job run 9999 --full
  measure "export" "$n" export -o "$dir/env.toml"
  measure "plan" "$n" plan "$dir/env.toml"
  measure "apply_new_file" "$n" --data "$dir/applied.db" apply "$dir/env.toml"
  # A fifth of the customers taken out of the file: prune removes them.
  awk -v keep=5 '
    /^\[\[customers\]\]/ { c++ ; skip = (c % keep == 0) }
    /^\[\[/ && !/^\[\[customers/ { skip = 0 }
    /^\[[a-z_]+\]$/ { skip = 0 }
    !skip { print }' "$dir/env.toml" > "$dir/pruned.toml"
  measure "apply_prune_fifth" "$n" apply --prune --yes "$dir/pruned.toml"
  rm -f "$dir"/*.db "$dir"/*.db-wal "$dir"/*.csv
done

echo
echo "| command | peak MB at $small | s | peak MB at $large | s | peak ratio |"
echo "|---|---|---|---|---|---|"
awk -v small="$small" -v large="$large" '
  { mb[$1 " " $2] = $3; s[$1 " " $2] = $4; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
  END {
    for (i = 1; i <= k; i++) {
      c = order[i]; a = mb[c " " small]; b = mb[c " " large]
      printf "| %s | %s | %s | %s | %s | %.1fx |\n", c, a, s[c " " small], b, s[c " " large], (a > 0 ? b / a : 0)
    }
  }' "$tmp/results"

#!/usr/bin/env bash
# Measures small commands (DESIGN.md 8: under 10 ms each) on the example organisation.
#
#   bash scripts/bench-small.sh [RUNS] [--data postgres://USER@HOST:PORT/DB]
#
# Builds a release binary, builds fixtures/build-example.sh's organisation into a temp file,
# then runs each command RUNS times (default 200) and prints the mean wall time per call.
# /bin/true is measured the same way as the floor: what starting any process costs here.
# With --data, the example environment is applied to that database (which must be empty)
# instead, and `psql` running the same count is the baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=200
server=
while [ $# -gt 0 ]; do
  case $1 in
    --data) server=$2; shift 2 ;;
    *) runs=$1; shift ;;
  esac
done
source scripts/bench-lib.sh
bench_init sqlite3
if [ -n "$server" ]; then
  export HQ_DATA=$server
  "$hq" -q apply fixtures/contoso.toml >/dev/null
else
  bash fixtures/build-example.sh "$tmp/bench.db" >/dev/null 2>&1
  export HQ_DATA=$tmp/bench.db
fi

measure() {
  local label=$1; shift
  local start end
  start=$(date +%s%N)
  for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1; done
  end=$(date +%s%N)
  awk -v l="$label" -v t=$((end - start)) -v n="$runs" 'BEGIN { printf "| %-40s | %7.2f ms |\n", l, t / n / 1e6 }'
}

echo "machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d); runs: $runs"
echo "| command | mean per call |"
echo "|---|---|"
measure "/bin/true (process start floor)" /bin/true
measure "hq --version (no data file)" "$hq" --version
measure "hq status" "$hq" status
measure "hq status --json" "$hq" status --json
measure "hq store list" "$hq" store list
measure "hq store show HOUSTON --json" "$hq" store show HOUSTON --json
measure "hq log --limit 20" "$hq" log --limit 20
measure "hq store set (write, nothing to change)" "$hq" store set HOUSTON --name Houston
measure "hq store set --dry-run (write path)" "$hq" store set HOUSTON --name X --dry-run
measure "hq numseq allocate CLIENTBOOK (a commit)" "$hq" numseq allocate CLIENTBOOK
if [ -n "$server" ]; then
  measure "psql: connect + SELECT count(*) (baseline)" psql "$server" -Atc "SELECT count(*) FROM stores"
else
  measure "sqlite3: open + SELECT count(*) (baseline)" sqlite3 "$HQ_DATA" "SELECT count(*) FROM stores"
fi

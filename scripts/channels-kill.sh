#!/usr/bin/env bash
# Issue 21, item 4, at length: headquarters and three channel databases of their own (WEST,
# EAST, NORTH), job runs killed at random moments, one channel database held by another
# writer for the middle third of them; then one more run, and the checks.
#
#   bash scripts/channels-kill.sh [KILLS] [--server postgres://USER@HOST:PORT] [--seed N]
#                                 [--tamper]
#
# KILLS (default 30) runs of `hq job run 9999` are each killed (SIGKILL) after a random wait
# within a run's length, with a change at headquarters before each. Without --server the
# channel databases are files beside the data file; with it, three new databases on that
# server (made with createdb, dropped at the end; the password in PGPASSWORD or ~/.pgpass).
# Afterwards:
#   - every channel database holds what headquarters sent: each channel table equal, row for
#     row, to the channel database inside the data file (`hq channel-db contents`);
#   - a file passes `PRAGMA integrity_check`;
#   - each incremental session a channel database applied starts where the one before it
#     ended (none applied twice, none skipped);
#   - headquarters has recorded every session a channel database applied.
# Prints what it found, and exits 1 on any violation. --tamper proves the checks: before them,
# one customer's row in NORTH is changed and one session record is dropped from it behind
# headquarters' back, and the script must then report violations (exit 1). The same, with 30 fixed moments, runs in
# CI: tests/cli/channel_files.rs, job_runs_killed_at_30_moments_... (four ways).
set -euo pipefail
cd "$(dirname "$0")/.."
kills=30
server=
tamper=
seed=$RANDOM
while [ $# -gt 0 ]; do
  case $1 in
    --server) server=${2%/}; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --tamper) tamper=1; shift ;;
    *) kills=$1; shift ;;
  esac
done
RANDOM=$seed
cargo build --quiet --release
hq=$PWD/target/release/hq
tmp=$(mktemp -d)
dbs=()
holder=
cleanup() {
  [ -z "$holder" ] || kill "$holder" 2>/dev/null || true
  for d in "${dbs[@]}"; do psql -q "${server}/postgres" -c "DROP DATABASE IF EXISTS $d" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
export HQ_DATA=$tmp/hq.db HQ_NO_INPUT=1
cd "$tmp"
"$hq" -q apply "$OLDPWD/fixtures/contoso.toml" >/dev/null
"$hq" -q seed --customers 1500 >/dev/null

ids=(WEST EAST NORTH)
declare -A where
for id in "${ids[@]}"; do
  lower=${id,,}
  if [ -n "$server" ]; then
    name="hq_channels_${lower}_$$"
    psql -q "${server}/postgres" -c "CREATE DATABASE $name"
    dbs+=("$name")
    where[$id]="${server}/$name"
  else
    where[$id]=$tmp/$lower.db
  fi
  "$hq" -q channel-db init "${where[$id]}" --id "$id"
  if [ "$id" = WEST ]; then verb=set; else verb=add; fi
  "$hq" -q channel-db "$verb" "$id" --location "${where[$id]}"
done

now_ms() { date +%s%3N; }
t0=$(now_ms)
"$hq" -q job run 9999 --dry-run >/dev/null
span=$(( ( $(now_ms) - t0 ) * 3 / 2 ))
[ "$span" -ge 50 ] || span=50

hold() { # another writer takes EAST's write lock, and keeps it until let go
  mkfifo "$tmp/hold"
  if [ -n "$server" ]; then
    psql -q "${where[EAST]}" <"$tmp/hold" >/dev/null &
  else
    sqlite3 "${where[EAST]}" <"$tmp/hold" >/dev/null &
  fi
  holder=$!
  exec 7>"$tmp/hold"
  if [ -n "$server" ]; then
    echo "BEGIN; SELECT 1 FROM channel_meta WHERE id = 1 FOR UPDATE;" >&7
  else
    echo "BEGIN IMMEDIATE;" >&7
  fi
  sleep 0.3
}
let_go() { # the holder reads the end of its input, and rolls back
  exec 7>&-
  wait "$holder" 2>/dev/null || true
  holder=
}

failed_runs=0
for i in $(seq 1 "$kills"); do
  if [ "$i" -eq $(( kills / 3 + 1 )) ]; then hold; fi
  if [ "$i" -eq $(( 2 * kills / 3 + 1 )) ] && [ -n "$holder" ]; then let_go; fi
  "$hq" -q customer set 100001 --middle-name "M$i" >/dev/null
  if [ $(( i % 3 )) -eq 0 ]; then
    if [ $(( i % 2 )) -eq 0 ]; then what=enable; else what=disable; fi
    "$hq" -q feature "$what" init-scheduler-after-update --yes >/dev/null
  fi
  "$hq" -q --wait 0.1 job run 9999 >/dev/null 2>&1 &
  run=$!
  wait_ms=$(( RANDOM % span ))
  sleep "$(printf '0.%03d' "$wait_ms")"
  kill -9 "$run" 2>/dev/null || true
  wait "$run" 2>/dev/null || failed_runs=$((failed_runs + 1))
done

"$hq" -q job run 9999 >/dev/null
if [ -n "$tamper" ]; then
  sql="UPDATE ch_customers SET last_name = 'Tampered' WHERE account = '100001';
       DELETE FROM channel_sessions WHERE to_version = (SELECT min(to_version) FROM channel_sessions WHERE mode = 'incremental');"
  if [ -n "$server" ]; then psql -q "${where[NORTH]}" -c "$sql"; else sqlite3 "${where[NORTH]}" "$sql"; fi
fi
violations=0
tables=$("$hq" channel-db contents Default --json | python3 -c 'import json,sys
for t in json.load(sys.stdin): print(t["table"])')
for id in "${ids[@]}"; do
  for t in $tables; do
    # Each read must succeed (a failed read is not an equal one).
    theirs=$("$hq" channel-db contents "$id" --table "$t" --limit 1000000 --json)
    sent=$("$hq" channel-db contents Default --table "$t" --limit 1000000 --json)
    if [ "$theirs" != "$sent" ] || [ -z "$sent" ]; then
      echo "violation: $id's $t differs from what headquarters sent"
      violations=$((violations + 1))
    fi
  done
  query() {
    if [ -n "$server" ]; then psql -qAtF '|' "${where[$id]}" -c "$1"; else sqlite3 "${where[$id]}" "$1"; fi
  }
  if [ -z "$server" ] && [ "$(query 'PRAGMA integrity_check')" != ok ]; then
    echo "violation: $id's file fails the integrity check"
    violations=$((violations + 1))
  fi
  query "SELECT job, mode, from_version, to_version FROM channel_sessions ORDER BY job, to_version" >"$tmp/applied"
  "$hq" job sessions --channel-db "$id" --limit 100000 --json >"$tmp/known"
  applied=$(cat "$tmp/applied")
  bad=$(python3 -c '
import json, sys
rows = [l.split("|") for l in open(sys.argv[1]).read().splitlines() if l]
known = {(s["job"], s["to_version"]) for s in json.load(open(sys.argv[2])) if s["status"] == "applied"}
bad = 0
for a, b in zip(rows, rows[1:]):
    if a[0] == b[0] and b[1] == "incremental" and int(b[2]) != int(a[3]):
        print("violation: job %s: a session from version %s follows one to %s" % (b[0], b[2], a[3])); bad += 1
for r in rows:
    if (int(r[0]), int(r[3])) not in known:
        print("violation: job %s to version %s is applied, and headquarters has no record of it" % (r[0], r[3])); bad += 1
print(bad)' "$tmp/applied" "$tmp/known")
  echo "$bad" | sed '$d'
  violations=$((violations + $(echo "$bad" | tail -1)))
  echo "$id: $(echo "$applied" | grep -c . || true) sessions applied, $(echo "$tables" | wc -w) tables compared"
done
where_kind=files
[ -z "$server" ] || where_kind="databases on $server"
echo "seed $seed: $kills runs killed (channel databases in $where_kind; EAST held for the middle third), $failed_runs ended by the kill, $violations violations"
[ "$violations" -eq 0 ]

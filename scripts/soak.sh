#!/usr/bin/env bash
# The reliability probes at length: kills in the middle of long writes, many writers at once,
# and generated hostile input, with a new seed each round, for MINUTES (default 10). Writes
# the table of trials and violations into docs/reliability.md (between the soak markers).
#
#   bash scripts/soak.sh [MINUTES]
#
# The same tests run in CI with fixed seeds and fewer trials (tests/cli/crash.rs,
# concurrency.rs, hostile.rs, init.rs's kill tests); a violation here prints the seed that
# reproduces it: HQ_CRASH_SEED=... cargo test --test cli crash::
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
kills=${SOAK_KILLS:-20}        # per crash scenario per round (5 scenarios)
writes=${SOAK_WRITES:-150}     # per writer per round (8 writers)
cases=${SOAK_CASES:-400}       # per hostile generator per round (3 generators)

cargo build --quiet
bin=$(cargo test --test cli --no-run --message-format=json 2>/dev/null |
  python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("profile", {}).get("test") and m.get("target", {}).get("name") == "cli" and m.get("executable"):
        print(m["executable"])' | tail -1)
[ -x "$bin" ] || { echo "soak: cannot find the test binary" >&2; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
end=$(( $(date +%s) + minutes * 60 ))
rounds=0
declare -A trials=([kills]=0 [writes]=0 [cases]=0 [new-file-kills]=0)
declare -A violations=([kills]=0 [writes]=0 [cases]=0 [new-file-kills]=0)
failures=()

probe() { # name trials env... -- test filter
  local name=$1 n=$2; shift 2
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  trials[$name]=$(( trials[$name] + n ))
  if ! env "${envs[@]}" "$bin" --exact "$@" >"$log" 2>&1; then
    violations[$name]=$(( violations[$name] + 1 ))
    failures+=("$name: ${envs[*]} $*")
    echo "soak: VIOLATION in $name (${envs[*]}); see below" >&2
    tail -40 "$log" >&2
  fi
}

while [ "$(date +%s)" -lt "$end" ]; do
  rounds=$((rounds + 1))
  seed=$(( (rounds * 7919 + $(date +%s%N) / 1000) % 4294967295 ))
  probe kills $((5 * kills)) HQ_CRASH_SEED=$seed HQ_CRASH_KILLS=$kills -- \
    crash::killed_at_random_moments_the_data_file_is_as_before_or_as_after
  probe new-file-kills 60 -- \
    init::apply_into_a_new_file_killed_at_30_moments_leaves_no_file_or_a_whole_one \
    init::init_killed_at_30_moments_leaves_no_file_or_a_whole_one
  probe writes $((8 * writes)) HQ_CONCURRENCY_WRITES=$writes -- \
    concurrency::eight_writers_at_once_lose_nothing_and_hand_out_no_number_twice
  probe cases $((3 * cases)) HQ_HOSTILE_SEED=$seed HQ_HOSTILE_CASES=$cases -- \
    hostile::mutated_environment_files_never_break_hq_or_a_data_file \
    hostile::mutated_csv_files_never_break_hq_or_a_data_file \
    hostile::hostile_flag_values_never_break_hq_or_a_data_file
  echo "soak: round $rounds done (seed $seed)" >&2
done

table=$(mktemp)
{
  echo "<!-- soak:begin -->"
  echo "Last soak: $(date -u +%Y-%m-%d), $(nproc) cores, $minutes minutes, $rounds rounds (\`bash scripts/soak.sh $minutes\`)."
  echo
  echo "| probe | trials | violations |"
  echo "|---|---|---|"
  echo "| kill -9 during import, seed, apply, apply --prune, job run 9999 --full | ${trials[kills]} kills | ${violations[kills]} |"
  echo "| kill -9 during init and apply into a new file | ${trials[new-file-kills]} kills | ${violations[new-file-kills]} |"
  echo "| 8 writers at once (customers, activity types, features, numbers, edits) | ${trials[writes]} writes | ${violations[writes]} |"
  echo "| generated environment files, CSV files and flag values | ${trials[cases]} cases | ${violations[cases]} |"
  for f in "${failures[@]}"; do echo; echo "- violation: \`$f\`"; done
  echo "<!-- soak:end -->"
} >"$table"
python3 - "$table" <<'EOF'
import re, sys
table = open(sys.argv[1]).read().rstrip("\n")
path = "docs/reliability.md"
doc = open(path).read()
doc = re.sub(r"<!-- soak:begin -->.*<!-- soak:end -->", lambda _: table, doc, flags=re.S)
open(path, "w").write(doc)
EOF
rm -f "$table"
cat docs/reliability.md | sed -n '/soak:begin/,/soak:end/p'
[ ${#failures[@]} -eq 0 ]

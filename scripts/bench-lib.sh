# Shared by the benchmarks: their setup, a generated customer CSV and the organisation it
# imports into. Source it from the repository's root, then call `bench_init`.

# bench_init [sqlite3]: builds the release binary into $hq and makes the scratch folder $tmp,
# removed however the script ends. With `sqlite3`, first checks that the sqlite3 shell (the
# baseline the figures are compared with) is there.
bench_init() {
  if [ "${1:-}" = sqlite3 ]; then
    command -v sqlite3 >/dev/null || {
      echo "$0: needs the sqlite3 shell, the baseline every figure is compared with (apt-get install sqlite3)" >&2
      exit 1
    }
  fi
  cargo build --release --quiet
  hq=$PWD/target/release/hq
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
}

# Valid, varied rows: persons in group 30, in HOUSTON-CUST, with an email, a phone and an
# address. Phone numbers run through a valid US range (+1 713 2xx xxxx).
customers_csv() { # N FILE
  awk -v n="$1" 'BEGIN {
  print "type,first_name,last_name,group,currency,language,address_books,email,phone,street,city,state,postal_code,country"
  split("Ada Grace Alan Edsger Barbara Donald Frances Ken Margaret Dennis", first, " ")
  split("Lovelace Hopper Turing Dijkstra Liskov Knuth Allen Thompson Hamilton Ritchie", last, " ")
  for (i = 1; i <= n; i++) {
    f = first[i % 10 + 1]; l = last[int(i / 10) % 10 + 1]
    printf "person,%s,%s,30,USD,en-US,HOUSTON-CUST,%s.%s%d@example.com,+1713%07d,%d Main St,Houston,TX,77002,US\n", f, l, tolower(f), tolower(l), i, 2000000 + i % 7000000, i % 9000 + 1
  }
}' > "$2"
}

# The organisation: USRT, HOUSTON-CUST, group 30, the customer_account sequence.
organisation() {
  "$hq" -q init
  "$hq" -q legal-entity add USRT --name "Contoso Retail USA" --country US --language en-US
  "$hq" -q address-book add HOUSTON-CUST --name "Houston customers" --kind customer
  "$hq" -q customer-group add 30 --description "Retail customers" --dimension BusinessUnit=002
  "$hq" -q numseq add CUSTACCT --format "########" --legal-entity USRT
  "$hq" -q numseq assign customer_account CUSTACCT --legal-entity USRT
}

now() { date +%s.%N; }

# timed LABEL ARGS...: runs `hq -q ARGS...` under GNU time, prints "LABEL SECONDS MB" (peak
# resident memory) and keeps the seconds in $secs.
timed() {
  local label=$1
  shift
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$hq" -q "$@" > /dev/null
  read -r secs kb < "$tmp/time"
  printf '%-46s %8s s %6s MB\n' "$label" "$secs" "$((kb / 1024))"
}

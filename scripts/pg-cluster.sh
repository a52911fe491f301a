#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for hq's tests and benchmarks (issue 20): made in a folder,
# on a free local port, by an unprivileged user, and removed when asked.
#
#   eval "$(bash scripts/pg-cluster.sh start DIR)"   starts it; sets HQ_TEST_PG to its URL
#   bash scripts/pg-cluster.sh stop DIR              stops it and removes DIR
#
# The server listens on 127.0.0.1 only; the user `hq` logs in with a password (scram-sha-256),
# which HQ_TEST_PG carries, so the tests go through hq's password handling. With openssl at
# hand the server also takes TLS, with a self-signed certificate for localhost and 127.0.0.1
# (HQ_TEST_PG_CA, its path), and refuses the role `hq_tls` (which the tests create) without it. initdb and pg_ctl
# refuse to run as root: as root, the cluster is made and run by the user `postgres` (the
# Debian package's), or `nobody`. Without the server binaries, as root, the Debian package is
# installed first (apt-get install postgresql).
set -euo pipefail
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

bin=""
find_bin() {
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && bin=$d
  done
  if [ -z "$bin" ] && command -v initdb >/dev/null; then
    bin=$(dirname "$(command -v initdb)")
  fi
}

# as_owner CMD...: runs CMD as the cluster's owner (this user, or postgres/nobody as root).
owner=""
as_owner() {
  if [ -n "$owner" ]; then
    setpriv --reuid="$owner" --regid="$(id -g "$owner")" --clear-groups -- "$@"
  else
    "$@"
  fi
}

find_bin
if [ "$(id -u)" = 0 ]; then
  owner=postgres
  id -u postgres >/dev/null 2>&1 || owner=nobody
fi

case $cmd in
  start)
    if [ -z "$bin" ]; then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "pg-cluster: installing PostgreSQL (apt-get install postgresql)" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
        find_bin
      fi
      [ -n "$bin" ] || { echo "pg-cluster: no PostgreSQL server binaries (initdb); install postgresql" >&2; exit 1; }
      if [ "$(id -u)" = 0 ] && id -u postgres >/dev/null 2>&1; then owner=postgres; fi
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    printf '%s\n' "$pw" > "$dir/pw"
    [ -n "$owner" ] && chown -R "$owner" "$dir"
    chmod 700 "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U hq --pwfile="$dir/pw" -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/pw"
    tls_opts=""
    if command -v openssl >/dev/null; then
      as_owner openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=localhost" \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
        -keyout "$dir/data/server.key" -out "$dir/data/server.crt" >/dev/null 2>&1
      chmod 600 "$dir/data/server.key"
      tls_opts="-c ssl=on -c ssl_cert_file=$dir/data/server.crt -c ssl_key_file=$dir/data/server.key"
      hba="$dir/data/pg_hba.conf"
      { echo "hostnossl all hq_tls 127.0.0.1/32 reject"; cat "$hba"; } > "$hba.new"
      as_owner cp "$hba.new" "$hba"
      rm -f "$hba.new"
    fi
    # A free port: the kernel's pick for a socket bound to port 0, tried until the server
    # starts on one (another process may take it in between).
    for _ in 1 2 3 4 5; do
      port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
        echo $((20000 + RANDOM % 40000)))
      if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off $tls_opts" \
        start >/dev/null; then
        echo "export HQ_TEST_PG='postgres://hq:$pw@127.0.0.1:$port/postgres'"
        echo "export HQ_TEST_PG_DIR='$dir'"
        [ -z "$tls_opts" ] || echo "export HQ_TEST_PG_CA='$dir/data/server.crt'"
        exit 0
      fi
    done
    cat "$dir/server.log" >&2
    exit 1
    ;;
  stop)
    [ -d "$dir" ] || exit 0
    if [ -f "$dir/data/postmaster.pid" ] && [ -n "$bin" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac

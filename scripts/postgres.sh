#!/usr/bin/env bash
# A private PostgreSQL server for the test run (no system service, no Docker).
#   scripts/postgres.sh start DIR   -> starts a server in DIR, prints its connection string
#   scripts/postgres.sh stop DIR    -> stops it and removes DIR
# As root the server runs as the `postgres` user (initdb refuses root); DIR must not be under /root.
set -euo pipefail
cmd=${1:?usage: postgres.sh start|stop DIR}
dir=${2:?usage: postgres.sh start|stop DIR}

bin=""
for candidate in /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/initdb" ] && bin=$candidate
done
if [ -z "$bin" ]; then
  echo "PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2
  exit 1
fi

as_db() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    mkdir -p "$dir/data" "$dir/sock"
    chmod 755 "$dir"
    chmod 700 "$dir/data"
    [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
    as_db "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1
    as_db "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 -o \
      "-p $port -k $dir/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null
    echo "$port" >"$dir/port"
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Pooling=true;Maximum Pool Size=40"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_db "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: postgres.sh start|stop DIR" >&2
    exit 2
    ;;
esac

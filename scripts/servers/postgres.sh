#!/usr/bin/env bash
# PostgreSQL 15 for the tests: its own cluster in a temp dir, on 127.0.0.1 only, trust auth, durability off
# (tests only). Prints TERTULIA_TEST_POSTGRES, the Npgsql connection string the tests create their databases with.
#   postgres.sh packages | start | stop
set -euo pipefail
BASE="${TERTULIA_TEST_SERVERS_DIR:-/tmp/tertulia-servers}/postgres"
# A free port, so parallel runs (and a developer's own server) do not collide.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
PORT="${TERTULIA_TEST_POSTGRES_PORT:-$(free_port)}"
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

bin() {
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return; }
  done
  echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
}

as_postgres() { runuser -u postgres -- "$@"; }

stop() {
  if [ -f "$BASE/data/postmaster.pid" ]; then
    as_postgres "$(bin)/pg_ctl" -D "$BASE/data" -m fast stop >/dev/null 2>&1 || true
  fi
  return 0
}

start() {
  stop
  rm -rf "$BASE"
  mkdir -p "$BASE"
  chown postgres: "$BASE"
  local b
  b="$(bin)"
  if port_busy "$PORT"; then
    PORT=$(free_port)
  fi
  echo "$PORT" > "$BASE/port"
  as_postgres "$b/initdb" -D "$BASE/data" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >"$BASE/initdb.log"
  as_postgres "$b/pg_ctl" -D "$BASE/data" -l "$BASE/pg.log" -w -o "-c listen_addresses=127.0.0.1 -p $PORT -k $BASE \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
  # Quoted: test.sh sources these lines, and ';' would end the assignment.
  echo "TERTULIA_TEST_POSTGRES='Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres'"
}

case "${1:-}" in
  packages) echo "postgresql" ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 packages|start|stop" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Mastodon client API test server: snac2 (a small ActivityPub server with a Mastodon-compatible API), built from
# Debian trixie's source package (not in bookworm) once per machine, run on 127.0.0.1 with two users:
# the brand (laespiga) and a customer (cliente).   mastodon.sh packages | start | stop
set -euo pipefail
BASE="${TERTULIA_TEST_SERVERS_DIR:-/tmp/tertulia-servers}/mastodon"
BUILD=/var/cache/tertulia-tests/snac2
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
PORT="${TERTULIA_TEST_MASTODON_PORT:-$(free_port)}"

build() {
  [ -x "$BUILD/snac" ] && return 0
  mkdir -p "$BUILD/apt/lists/partial" "$BUILD/apt/cache/archives/partial" "$BUILD/src"
  # Only this temporary list knows trixie's sources: the machine's own apt lists stay untouched.
  local mirror
  mirror=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | grep -m1 -oE "https?://[^ ]+/debian/?$" || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  echo "deb-src [trusted=yes] ${mirror%/} trixie main" > "$BUILD/apt/sources.list"
  local opts=(-o Dir::Etc::sourcelist="$BUILD/apt/sources.list" -o Dir::Etc::sourceparts=/dev/null
              -o Dir::State::Lists="$BUILD/apt/lists" -o Dir::Cache="$BUILD/apt/cache")
  apt-get "${opts[@]}" update -qq >&2
  (cd "$BUILD/src" && apt-get "${opts[@]}" source --download-only snac2 >&2)
  local tarball
  tarball=$(ls "$BUILD"/src/snac2_*.orig.tar.* | head -1)
  tar -xf "$tarball" -C "$BUILD/src"
  local dir
  dir=$(find "$BUILD/src" -maxdepth 1 -mindepth 1 -type d | head -1)
  make -C "$dir" >&2
  cp "$dir/snac" "$BUILD/snac"
}

stop() {
  if [ -f "$BASE/snac.pid" ]; then
    kill "$(cat "$BASE/snac.pid")" 2>/dev/null || true
    rm -f "$BASE/snac.pid"
  fi
  return 0
}

adduser() { # prints the user's password
  printf '%s\n' "$1" | "$BUILD/snac" adduser "$BASE/data" 2>&1 | sed -n 's/.*User password is \([^ ]*\).*/\1/p' | tr -d '\r\n'
}

token() {
  # snac's shortcut to a token for a user (the tests' fixtures; Tertulia itself goes through the OAuth app flow).
  curl -sf -X POST --data-urlencode "login=$1" --data-urlencode "passwd=$2" "http://127.0.0.1:$PORT/oauth/x-snac-get-token" | tr -d '\r\n '
}

start() {
  build
  stop
  rm -rf "$BASE"
  mkdir -p "$BASE"
  printf '127.0.0.1\n%s\nlocalhost:%s\n\n\n' "$PORT" "$PORT" | "$BUILD/snac" init "$BASE/data" >/dev/null 2>&1
  # snac closes every connection after one response without saying so: "Connection: close" keeps clients from
  # reusing a closed connection (a reset under load); more threads, as a real server would have, for parallel tests.
  python3 - "$BASE/data/server.json" <<'PY'
import json, sys
path = sys.argv[1]
config = json.load(open(path))
config["protocol"] = "http"
config["num_threads"] = 12
config.setdefault("http_headers", {})["Connection"] = "close"
json.dump(config, open(path, "w"), indent=4)
PY
  local brand_pw customer_pw
  brand_pw=$(adduser laespiga)
  customer_pw=$(adduser cliente)
  "$BUILD/snac" httpd "$BASE/data" > "$BASE/snac.log" 2>&1 &
  echo $! > "$BASE/snac.pid"
  for _ in $(seq 1 50); do
    curl -sf "http://127.0.0.1:$PORT/api/v1/instance" >/dev/null && break
    sleep 0.1
  done
  echo "TERTULIA_TEST_MASTODON_URL=http://127.0.0.1:$PORT"
  echo "TERTULIA_TEST_MASTODON_BRAND_TOKEN=$(token laespiga "$brand_pw")"
  echo "TERTULIA_TEST_MASTODON_CUSTOMER_TOKEN=$(token cliente "$customer_pw")"
  # For the OAuth app flow, which logs in on snac's form as a browser would.
  echo "TERTULIA_TEST_MASTODON_BRAND_LOGIN=laespiga"
  echo "TERTULIA_TEST_MASTODON_BRAND_PASSWORD=$brand_pw"
}

case "${1:-}" in
  packages) echo "libcurl4-openssl-dev libssl-dev make gcc curl python3" ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 packages|start|stop" >&2; exit 2 ;;
esac

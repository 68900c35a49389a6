#!/usr/bin/env bash
# Runs Tertulia's whole test suite on a fresh Debian machine (as root): installs what the tests need,
# starts the real servers they talk to (each on 127.0.0.1), runs every test, prints the totals.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
export TERTULIA_TEST_SERVERS_DIR="${TERTULIA_TEST_SERVERS_DIR:-$(mktemp -d /tmp/tertulia-servers.XXXXXX)}"
# Servers run as their own users (postgres, postfix, mail): they must be able to enter this folder.
chmod 755 "$TERTULIA_TEST_SERVERS_DIR"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# 1. System packages (chromium for the browser tests, plus what each server script asks for).
packages=(chromium sqlite3)
for script in scripts/servers/*.sh; do
  [ -e "$script" ] || continue
  # shellcheck disable=SC2207
  packages+=($(bash "$script" packages))
done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. Real servers for the tests: each script starts its server and writes KEY=VALUE lines for the tests.
: > "$TERTULIA_TEST_SERVERS_DIR/env"
cleanup() {
  for script in scripts/servers/*.sh; do
    [ -e "$script" ] && bash "$script" stop || true
  done
}
trap cleanup EXIT
for script in scripts/servers/*.sh; do
  [ -e "$script" ] || continue
  echo "Starting $(basename "$script" .sh)..."
  bash "$script" start >> "$TERTULIA_TEST_SERVERS_DIR/env"
done
set -a
# shellcheck disable=SC1091
. "$TERTULIA_TEST_SERVERS_DIR/env"
set +a

# 3. Build and run every test on both stores, results as TRX so the totals are read from the results themselves.
dotnet tool restore >/dev/null
dotnet build Tertulia.slnx -c Release -nologo -v q
results="$ROOT/TestResults"
rm -rf "$results"
status=0
echo "Tests on SQLite..."
dotnet test Tertulia.slnx -c Release --no-build --logger "trx;LogFileName=tertulia.trx" --results-directory "$results/sqlite" "$@" || status=$?
# The same suite again with every test app on its own fresh PostgreSQL database (scripts/servers/postgres.sh).
echo "Tests on PostgreSQL..."
TERTULIA_TEST_STORE=postgres dotnet test Tertulia.slnx -c Release --no-build --logger "trx;LogFileName=tertulia.trx" \
  --results-directory "$results/postgres" "$@" || status=$?

# 4. Totals over both runs, read from the TRX files.
python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    # A skipped test is in "total" but not "executed" (the TRX logger leaves "notExecuted" at 0).
    skipped += max(int(c.get("notExecuted", 0)), int(c.get("total", 0)) - int(c.get("executed", 0)))
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
PY
exit $status

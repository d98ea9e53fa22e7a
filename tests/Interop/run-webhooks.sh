#!/usr/bin/env bash
# Shield's webhook signatures checked by the standardwebhooks npm package (1.1.1, pinned in webhooks/package-lock.json),
# an implementation of the Standard Webhooks specification nobody on the Shield team wrote. It builds the WebApi, starts
# it in Development (SQLite in a temporary folder, the simulator as Daraja) on a free loopback port, and runs
# webhooks/verify.js: a receiver on loopback, a payment, a secret rotation, tampering. Prints each check and
# "webhooks: N passed, M failed" (the checks); exits non-zero on any failure.
#
# Traffic stays on loopback: as root with unshare and ip available, Shield and the receiver run in a network namespace
# with only a loopback interface. Only `npm ci` reaches the npm registry.
#
# Usage: bash tests/Interop/run-webhooks.sh      (needs the .NET SDK, Node 18+ and npm)
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
webapi_dll="$root/src/WebApi/bin/Debug/net10.0/Shield.WebApi.dll"

run_checks() {
  local work log pid url="" output status
  work=$(mktemp -d)
  log="$work/shield.log"
  ASPNETCORE_ENVIRONMENT=Development dotnet "$webapi_dll" --urls http://127.0.0.1:0 \
    --ConnectionStrings:Shield="Data Source=$work/shield.db" --Simulator:CallbackDelay=00:00:00.200 \
    --Webhooks:PollInterval=00:00:00.100 >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    url=$(grep -m1 -oE 'Now listening on: http://127\.0\.0\.1:[0-9]+' "$log" | grep -oE 'http://.*') && [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$url" ]; then
    sed 's/^/  | /' "$log"
    echo "webhooks: 0 passed, 1 failed"
    kill "$pid" 2>/dev/null
    rm -rf "$work"
    return 1
  fi

  output=$(SHIELD_URL="$url" SHIELD_API_KEY=shield-dev-key timeout 90 node "$here/webhooks/verify.js" 2>&1)
  status=$?
  echo "$output"
  kill -TERM "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if [ "$status" -ne 0 ]; then
    echo "webhooks: Shield's log:"
    tail -n 40 "$log" | sed 's/^/  | /'
  fi
  rm -rf "$work"
  local passed failed
  passed=$(echo "$output" | grep -c '^  webhooks: ok ')
  failed=$(echo "$output" | grep -c '^  webhooks: FAIL')
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  echo "webhooks: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

if [ "${1:-}" = "--checks-only" ]; then
  run_checks
  exit $?
fi

for tool in dotnet node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "webhooks: $tool is not installed"
    echo "webhooks: 0 passed, 1 failed"
    exit 1
  fi
done

if [ ! -f "$webapi_dll" ] && ! dotnet build "$root/src/WebApi" -v q --nologo >/dev/null 2>&1; then
  echo "webhooks: the WebApi does not build"
  echo "webhooks: 0 passed, 1 failed"
  exit 1
fi

if ! (cd "$here/webhooks" && npm ci --no-audit --no-fund --loglevel=error); then
  echo "webhooks: npm ci failed"
  echo "webhooks: 0 passed, 1 failed"
  exit 1
fi

if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null && command -v ip >/dev/null && unshare -n true 2>/dev/null; then
  echo "webhooks: running in a network namespace with loopback only"
  unshare -n bash -c 'ip link set lo up && exec bash "$0" --checks-only' "${BASH_SOURCE[0]}"
  exit $?
fi

run_checks

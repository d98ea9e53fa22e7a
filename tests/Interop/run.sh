#!/usr/bin/env bash
# Runs three npm Daraja libraries nobody on the Shield team wrote (mpesa-node 0.1.3, mpesa-api 3.0.2, daraja.js 1.0.2,
# pinned in npm/package-lock.json) against the standalone Daraja simulator on its default strictness (Documented):
# token, STK Push, the simulator's callback on a loopback listener, STK Push Query, and Transaction Status with its
# result. It builds the simulator, installs the libraries with `npm ci`, starts the simulator on a free loopback port,
# runs the scripts, stops the simulator, and prints one line per library and "interop: N passed, M failed".
# Exits non-zero on any failure.
#
# Traffic stays on loopback: as root with unshare and ip available, the simulator and the scripts run in a network
# namespace of their own that has only a loopback interface; in every case each script refuses any request to a host
# that is not loopback (npm/common.js). Only `npm ci` reaches the npm registry.
#
# Usage: bash tests/Interop/run.sh        (from anywhere; needs the .NET SDK, Node 18+ and npm)
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
libraries=(mpesa-node mpesa-api daraja-js)
simulator_dll="$root/src/DarajaSimulator/bin/Debug/net10.0/Shield.DarajaSimulator.dll"

# The part that runs the simulator and the libraries; in its own network namespace when that is possible.
run_libraries() {
  local work
  work=$(mktemp -d)
  local log="$work/simulator.log" pem="$work/simulator.pem" passed=0 failed=0 pid base_url=""

  # Documented is the simulator's default; it is named here so that no Simulator__Strictness in the environment can
  # change what this run proves.
  dotnet "$simulator_dll" --urls http://127.0.0.1:0 --Simulator:Strictness=Documented \
    --Simulator:CallbackDelay=00:00:00.500 --Simulator:CertificateFile="$pem" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    base_url=$(grep -m1 -oE 'Base URL: +http://127\.0\.0\.1:[0-9]+' "$log" | grep -oE 'http://.*') && [ -n "$base_url" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$base_url" ]; then
    echo "interop: the simulator did not start; its output:"
    sed 's/^/  | /' "$log"
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rm -rf "$work"
    echo "interop: 0 passed, ${#libraries[@]} failed"
    return 1
  fi
  echo "interop: simulator at $base_url (pid $pid, $(grep -m1 -oE 'Strictness: +[A-Za-z]+' "$log" | tr -s ' '))"

  for library in "${libraries[@]}"; do
    local before
    before=$(wc -l <"$log")
    if DARAJA_SIMULATOR_URL="$base_url" DARAJA_SIMULATOR_CERTIFICATE="$pem" \
      timeout 60 node "$here/npm/$library.js"; then
      passed=$((passed + 1))
      echo "interop: ${library/daraja-js/daraja.js} passed"
    else
      failed=$((failed + 1))
      echo "interop: ${library/daraja-js/daraja.js} FAILED; the simulator's log meanwhile:"
      tail -n +"$((before + 1))" "$log" | sed 's/^/  | /'
    fi
    # What the library sent that the documentation forbids (accepted in Documented mode, refused in Strict).
    tail -n +"$((before + 1))" "$log" | grep -oE 'accepted /[^ ]+ although [A-Za-z]+ deviates' \
      | awk '{ print $4 " on " $2 }' | sort | uniq -c \
      | while read -r count what; do echo "  ${library/daraja-js/daraja.js}: accepted against the docs: $what (${count}x)"; done || true
  done

  kill -TERM "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  rm -rf "$work"
  echo "interop: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

if [ "${1:-}" = "--libraries-only" ]; then
  run_libraries
  exit $?
fi

started=$(date +%s)
for tool in dotnet node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "interop: $tool is not installed"
    echo "interop: 0 passed, ${#libraries[@]} failed"
    exit 1
  fi
done

echo "interop: building the simulator"
build_log=$(mktemp)
if ! dotnet build "$root/src/DarajaSimulator" -v q --nologo >"$build_log" 2>&1; then
  cat "$build_log"
  rm -f "$build_log"
  echo "interop: the simulator does not build"
  echo "interop: 0 passed, ${#libraries[@]} failed"
  exit 1
fi

rm -f "$build_log"

echo "interop: npm ci (node $(node --version), npm $(npm --version))"
if ! (cd "$here/npm" && npm ci --no-audit --no-fund --loglevel=error); then
  echo "interop: npm ci failed"
  echo "interop: 0 passed, ${#libraries[@]} failed"
  exit 1
fi

if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null && command -v ip >/dev/null && unshare -n true 2>/dev/null; then
  echo "interop: running in a network namespace with loopback only"
  unshare -n bash -c 'ip link set lo up && exec bash "$0" --libraries-only' "${BASH_SOURCE[0]}"
  status=$?
else
  run_libraries
  status=$?
fi
echo "interop: finished in $(($(date +%s) - started)) s"
exit "$status"

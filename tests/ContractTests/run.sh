#!/usr/bin/env bash
# The OpenAPI contract, proven with tools nobody on the Shield team wrote (issue 12 §2):
#  1. starts the real host (Development: the simulator as Daraja, the demo client, a fresh SQLite file) on a free
#     loopback port and fetches the document it serves, /openapi/v1.json;
#  2. Spectral (@stoplight/spectral-cli 6.16.3, pinned in package-lock.json) lints it with the spectral:oas ruleset
#     (.spectral.yaml): any error or warning fails;
#  3. Kiota 1.38 (the dotnet tool in .config/dotnet-tools.json) generates a C# client from it into Generated/, and
#     the tests in this folder, compiled against that client, run against the same host.
# Prints "contract: spectral passed|FAILED", the tests' summary, and "contract: N passed, M failed" (Spectral and the
# generated client's test run, one each). Exits non-zero on any failure.
#
# Usage: bash tests/ContractTests/run.sh      (needs the .NET SDK, Node 18+ and npm)
#
# Traffic: only the first part (building, `dotnet tool restore`, `npm ci`, `dotnet restore`) reaches the package
# registries. The rest (the host, Spectral, Kiota, the tests) runs, as root with unshare and ip available, in a network
# namespace with only a loopback interface: Kiota looks for its own updates on api.github.com, and there it cannot.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ "${1:-}" = "--offline" ]; then work=$2; else work=$(mktemp -d); fi
host_pid=""
passed=0
failed=0

finish() {
  if [ -n "$host_pid" ]; then
    kill -TERM "$host_pid" 2>/dev/null
    wait "$host_pid" 2>/dev/null
  fi
  rm -rf "$work"
  echo "contract: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  exit $?
}

fail_all() { # message
  echo "contract: $1"
  failed=$((failed + 2 - passed))
  finish
}

cd "$root" || exit 1

# Part 2, offline: the host, the document, Spectral, the client and its tests.
run_offline() {
  # The host as `dotnet run` starts it, on a port the system picks; its "Now listening on" line gives the address.
  ASPNETCORE_ENVIRONMENT=Development dotnet src/WebApi/bin/Debug/net10.0/Shield.WebApi.dll \
    --urls http://127.0.0.1:0 --ConnectionStrings:Shield="Data Source=$work/shield.db" >"$work/host.log" 2>&1 &
  host_pid=$!
  url=""
  for _ in $(seq 1 300); do
    url=$(grep -m1 -oE 'Now listening on: http://127\.0\.0\.1:[0-9]+' "$work/host.log" | grep -oE 'http://.*') && [ -n "$url" ] && break
    kill -0 "$host_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$url" ]; then
    sed 's/^/  | /' "$work/host.log"
    fail_all "the host did not start"
  fi
  echo "contract: host at $url"
  curl -fsS "$url/openapi/v1.json" -o "$work/openapi.json" || fail_all "the host did not serve /openapi/v1.json"

  if "$here/node_modules/.bin/spectral" lint "$work/openapi.json" --ruleset "$root/.spectral.yaml" --fail-severity=warn \
    --display-only-failures; then
    passed=$((passed + 1))
    echo "contract: spectral passed (spectral:oas, no errors and no warnings)"
  else
    failed=$((failed + 1))
    echo "contract: spectral FAILED"
  fi

  rm -rf "$here/Generated"
  if ! dotnet kiota generate --language CSharp --openapi "$work/openapi.json" --output "$here/Generated" \
    --class-name ShieldClient --namespace-name Shield.Client --exclude-backward-compatible --clean-output \
    --log-level Error; then
    failed=$((failed + 1))
    echo "contract: Kiota could not generate a client"
    finish
  fi

  if SHIELD_URL="$url" dotnet test "$here/ContractTests.csproj" --no-restore --nologo -v q 2>&1 | tee "$work/tests.log"; then
    passed=$((passed + 1))
    echo "contract: the generated client's tests passed"
  else
    failed=$((failed + 1))
    echo "contract: the generated client's tests FAILED; the host's log:"
    tail -n 60 "$work/host.log" | sed 's/^/  | /'
  fi
  finish
}

if [ "${1:-}" = "--offline" ]; then
  run_offline
fi

# Part 1, with the registries: everything the offline part needs.
echo "contract: building the host, restoring Kiota, Spectral and the test project"
dotnet build src/WebApi -v q --nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail_all "the host does not build"; }
dotnet tool restore >/dev/null || fail_all "dotnet tool restore failed (Kiota)"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error) || fail_all "npm ci failed (Spectral)"
dotnet restore "$here/ContractTests.csproj" -v q >"$work/restore.log" 2>&1 || { cat "$work/restore.log"; fail_all "dotnet restore failed (the test project)"; }

if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null && command -v ip >/dev/null && unshare -n true 2>/dev/null; then
  echo "contract: running in a network namespace with loopback only"
  keep=$work
  work="" # the offline part cleans it
  unshare -n bash -c 'ip link set lo up && exec bash "$0" --offline "$1"' "${BASH_SOURCE[0]}" "$keep"
  exit $?
fi
run_offline

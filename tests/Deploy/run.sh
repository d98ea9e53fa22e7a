#!/usr/bin/env bash
# Checks deploy/ with the real tools: Prometheus's promtool, nginx, systemd-analyze, and Python's standard library.
#   bash tests/Deploy/run.sh
# Needs promtool (Debian package prometheus), nginx, openssl and python3; a missing one is a failure that names the
# package (apt-get install -y prometheus nginx openssl python3). systemd-analyze is used when present, else skipped
# with a note. Ends with one line: `deploy: N passed, M failed` (exit code 1 when M > 0).
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DEPLOY="$ROOT/deploy"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/shield-deploy.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0

# run <name> <command...>: one check; its output is shown only when it fails.
run() {
  local name=$1
  shift
  local output
  if output=$("$@" 2>&1); then
    passed=$((passed + 1))
    echo "PASS  $name"
  else
    failed=$((failed + 1))
    echo "FAIL  $name"
    printf '%s\n' "$output" | sed 's/^/      /'
  fi
}

# need <tool> <package>: a missing tool fails the run, naming what to install.
need() {
  if command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; then
    return 0
  fi
  failed=$((failed + 1))
  echo "FAIL  $1 is not installed: apt-get install -y $2"
  return 1
}

# silent <command...>: fails when the command fails or prints anything (systemd-analyze verify exits 0 on warnings).
silent() {
  local output
  output=$("$@" 2>&1)
  local rc=$?
  printf '%s' "$output"
  [ $rc -eq 0 ] && [ -z "$output" ]
}

PATH="$PATH:/usr/sbin:/sbin"
have_python=0
need python3 python3 && have_python=1

# --- Prometheus ------------------------------------------------------------------------------------------------------
if need promtool prometheus; then
  run "promtool check rules deploy/prometheus/alerts.yml" promtool check rules "$DEPLOY/prometheus/alerts.yml"
  run "promtool test rules deploy/prometheus/alerts.test.yml" bash -c "cd '$DEPLOY/prometheus' && promtool test rules alerts.test.yml"
  run "promtool check config deploy/prometheus/prometheus.yml" promtool check config "$DEPLOY/prometheus/prometheus.yml"
fi

# --- static checks (metric names against ShieldMetrics.cs, alert fields, tests per alert, dashboard, env example) --
if [ $have_python -eq 1 ]; then
  run "every alert has severity, summary, description and a runbook heading in docs/operations.md" \
    python3 "$ROOT/tests/Deploy/check_files.py" alert-fields "$ROOT"
  run "every alert fires in a test and stays quiet in another" python3 "$ROOT/tests/Deploy/check_files.py" alert-tests "$ROOT"
  run "the dashboard JSON parses: datasource and instance variables, a query per panel" \
    python3 "$ROOT/tests/Deploy/check_files.py" dashboard "$ROOT"
  run "every metric the alerts and the dashboard use is one Shield exports (ShieldMetrics.cs) or a built-in one" \
    python3 "$ROOT/tests/Deploy/check_files.py" metric-names "$ROOT"
  # The name check must catch a renamed instrument: rename one in a copy and expect a failure.
  mkdir -p "$WORK/renamed/src/Application/Common/Telemetry" "$WORK/renamed/deploy"
  cp -r "$DEPLOY/prometheus" "$DEPLOY/grafana" "$WORK/renamed/deploy/"
  sed 's/"shield\.callbacks\.received"/"shield.callbacks.arrived"/' \
    "$ROOT/src/Application/Common/Telemetry/ShieldMetrics.cs" > "$WORK/renamed/src/Application/Common/Telemetry/ShieldMetrics.cs"
  run "the metric name check fails when an instrument is renamed" \
    bash -c "python3 '$ROOT/tests/Deploy/check_files.py' metric-names '$WORK/renamed' | grep -q 'PROBLEM: shield_callbacks_received_total'"
  run "shield.env.example names only documented settings and holds no secret" \
    python3 "$ROOT/tests/Deploy/check_files.py" env-example "$ROOT"
  run "nginx, Prometheus and the systemd unit name the same instance ports" python3 "$ROOT/tests/Deploy/check_files.py" ports "$ROOT"
fi
if command -v jq >/dev/null 2>&1; then
  run "jq parses deploy/grafana/shield-dashboard.json" jq -e '.panels | length > 0' "$DEPLOY/grafana/shield-dashboard.json"
fi

# --- nginx -----------------------------------------------------------------------------------------------------------
have_openssl=0
need openssl openssl && have_openssl=1
if need nginx nginx && [ $have_openssl -eq 1 ]; then
  # The sample as it is, in a minimal main configuration under a temporary prefix; only the certificate and log paths
  # point into it (a throwaway self-signed certificate), so no root path is needed.
  mkdir -p "$WORK/nginx"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=pay.example.com \
    -keyout "$WORK/nginx/shield.key" -out "$WORK/nginx/shield.crt" >/dev/null 2>&1
  sed -e "s#/etc/nginx/tls/#$WORK/nginx/#g" -e "s#/var/log/nginx/#$WORK/nginx/#g" \
    "$DEPLOY/nginx/shield.conf" > "$WORK/nginx/shield.conf"
  cat > "$WORK/nginx/nginx.conf" <<EOF
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 64; }
http {
    client_body_temp_path $WORK/nginx/body; proxy_temp_path $WORK/nginx/proxy; fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi; scgi_temp_path $WORK/nginx/scgi;
    include $WORK/nginx/shield.conf;
}
EOF
  run "nginx -t on deploy/nginx/shield.conf" nginx -t -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
  if [ $have_python -eq 1 ]; then
    run "nginx serves the sample in front of three stub instances (routing, logs, retry policy)" \
      timeout 180 python3 "$ROOT/tests/Deploy/nginx_smoke.py" "$ROOT" "$WORK/smoke"
  fi
fi

# --- systemd ---------------------------------------------------------------------------------------------------------
if command -v systemd-analyze >/dev/null 2>&1; then
  # verify checks that ExecStart's binary exists: point it at this machine's dotnet (or /bin/true) in a copy.
  dotnet_path=$(command -v dotnet || echo /bin/true)
  sed "s#^ExecStart=/usr/bin/dotnet #ExecStart=$dotnet_path #" "$DEPLOY/systemd/shield.service" > "$WORK/shield.service"
  run "systemd-analyze verify deploy/systemd/shield.service (no warning)" silent systemd-analyze verify "$WORK/shield.service"
else
  echo "SKIP  systemd-analyze is not installed: deploy/systemd/shield.service was not verified"
fi

echo "deploy: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

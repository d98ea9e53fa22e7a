#!/usr/bin/env python3
"""Static checks of deploy/ for tests/Deploy/run.sh (Python standard library only).

Usage: check_files.py <check> <repository root>; prints what it found, exits 1 on a problem. Checks:
  metric-names   every metric the alerts and the dashboard query is one Shield exports (from ShieldMetrics.cs, as the
                 Prometheus exporter names it), a built-in one (http_server_request_duration_seconds_*, up), or a
                 recording rule alerts.yml defines; so a renamed instrument fails CI.
  alert-fields   every alert has a severity label, summary, description and a runbook_url into docs/operations.md
                 whose anchor is a heading there.
  alert-tests    every alert has a test where it fires and one where it does not, in alerts.test.yml.
  dashboard      the dashboard parses, has the datasource and instance variables, and every panel has a query.
  env-example    every name in shield.env.example is a documented setting, and no secret has a value.
  ports          nginx's upstream, Prometheus's targets and the systemd unit name the same instance ports.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(sys.argv[2] if len(sys.argv) > 2 else ".")
DEPLOY = ROOT / "deploy"
PROBLEMS = []


def problem(text):
    PROBLEMS.append(text)


def read(path):
    return (ROOT / path).read_text(encoding="utf-8")


# --- the metric names Shield exports -------------------------------------------------------------------------------
BUILT_IN = {"up"}
for histogram in ("http_server_request_duration_seconds", "http_client_request_duration_seconds"):
    BUILT_IN |= {histogram + "_bucket", histogram + "_sum", histogram + "_count"}


def shield_metric_names():
    source = read("src/Application/Common/Telemetry/ShieldMetrics.cs")
    names = set()
    found = re.findall(r'Create(Counter|Histogram|ObservableGauge|ObservableCounter|UpDownCounter|ObservableUpDownCounter)'
                       r'(?:<\w+>)?\(\s*"(shield\.[^"]+)"([^;]*)', source)
    if not found:
        problem("no shield.* instrument found in src/Application/Common/Telemetry/ShieldMetrics.cs")
    for kind, name, rest in found:
        base = name.replace(".", "_")
        unit = re.search(r'unit:\s*"([^"]+)"', rest)
        if unit and unit.group(1) == "s" and not base.endswith("_seconds"):
            base += "_seconds"
        elif unit and unit.group(1) != "s":
            problem(f"{name}: unit {unit.group(1)!r} is not converted by this check; teach it the exporter's suffix")
        if kind in ("Counter", "ObservableCounter"):
            names.add(base + "_total")
        elif kind == "Histogram":
            names |= {base + "_bucket", base + "_sum", base + "_count"}
        else:
            names.add(base)
    return names


def yaml_values(text, key):
    """The values of `key:` in a YAML file, block scalars (| and >) included; enough for alerts.yml."""
    lines = text.splitlines()
    values = []
    for i, line in enumerate(lines):
        match = re.match(rf"^(\s*)(?:- )?{key}:\s*(.*)$", line)
        if not match:
            continue
        indent, value = len(match.group(1)), match.group(2).strip()
        if value in ("|", ">", "|-", ">-"):
            block = []
            for following in lines[i + 1:]:
                if following.strip() and len(following) - len(following.lstrip()) <= indent:
                    break
                block.append(following.strip())
            value = " ".join(block)
        elif value[:1] in "'\"":
            value = value[1:-1]
        values.append(value)
    return values


KEYWORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset",
            "inf", "nan", "atan2"}


def metric_names_in(expr):
    """Metric names a PromQL expression (or a Grafana template query) selects."""
    expr = re.sub(r"label_values\(([^,()]*(?:\{[^}]*\})?[^,()]*),[^)]*\)", r"\1", expr)
    expr = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '""', expr)   # strings
    expr = re.sub(r"\{[^}]*\}", "", expr)                                  # label matchers
    expr = re.sub(r"\[[^\]]*\]", "", expr)                                 # ranges, subqueries
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", expr)
    expr = re.sub(r"\$\{?\w+\}?", " ", expr)                               # Grafana variables
    names = set()
    for match in re.finditer(r"(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)\b(\s*\()?", expr):
        word, call = match.group(1), match.group(2)
        if call or word in KEYWORDS or re.fullmatch(r"\d+[smhdwy]", word):
            continue
        names.add(word)
    return names


def check_metric_names():
    known = shield_metric_names() | BUILT_IN
    alerts = read("deploy/prometheus/alerts.yml")
    records = set(yaml_values(alerts, "record"))
    used = {}
    for expr in yaml_values(alerts, "expr"):
        for name in metric_names_in(expr):
            used.setdefault(name, set()).add("deploy/prometheus/alerts.yml")
    dashboard = json.loads(read("deploy/grafana/shield-dashboard.json"))
    for expr in dashboard_queries(dashboard):
        for name in metric_names_in(expr):
            used.setdefault(name, set()).add("deploy/grafana/shield-dashboard.json")
    for name, files in sorted(used.items()):
        if name not in known and name not in records:
            problem(f"{name} (used in {', '.join(sorted(files))}) is not a metric Shield exports "
                    f"(ShieldMetrics.cs, or the built-in http_* and up) nor a recording rule of alerts.yml")
    unused = sorted(n for n in shield_metric_names() if n not in used and not n.endswith(("_sum",)))
    print(f"{len(used)} metric names used; {len(known)} known. Exported but not used: {unused or 'none'}")


def dashboard_queries(dashboard):
    for panel in all_panels(dashboard):
        for target in panel.get("targets", []):
            if target.get("expr"):
                yield target["expr"]
    for variable in dashboard.get("templating", {}).get("list", []):
        query = variable.get("query")
        if variable.get("type") == "query":
            yield query["query"] if isinstance(query, dict) else query


def all_panels(dashboard):
    for panel in dashboard.get("panels", []):
        yield panel
        yield from panel.get("panels", [])


# --- alerts --------------------------------------------------------------------------------------------------------
def alert_blocks():
    text = read("deploy/prometheus/alerts.yml")
    blocks = re.split(r"\n(?=\s*- (?:alert|record):)", text)
    return [(re.search(r"- alert:\s*(\S+)", b).group(1), b) for b in blocks if re.match(r"\s*- alert:", b)]


def heading_anchors(markdown):
    anchors = set()
    for heading in re.findall(r"^#{1,6}\s+(.+?)\s*$", markdown, re.M):
        anchor = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        anchors.add(anchor)
    return anchors


def check_alert_fields():
    anchors = heading_anchors(read("docs/operations.md"))
    blocks = alert_blocks()
    for name, block in blocks:
        if not re.search(r"\n\s*severity:\s*(critical|warning|info)\b", block):
            problem(f"{name}: no severity label (critical, warning or info)")
        for field in ("summary", "description"):
            if not re.search(rf"\n\s*{field}:\s*\S", block):
                problem(f"{name}: no {field} annotation")
        runbook = re.search(r"\n\s*runbook_url:\s*(\S+)", block)
        if not runbook:
            problem(f"{name}: no runbook_url annotation")
        elif not runbook.group(1).startswith("docs/operations.md#"):
            problem(f"{name}: runbook_url {runbook.group(1)} is not into docs/operations.md")
        elif runbook.group(1).split("#", 1)[1] not in anchors:
            problem(f"{name}: runbook_url anchor #{runbook.group(1).split('#', 1)[1]} is no heading of docs/operations.md")
    print(f"{len(blocks)} alerts checked")


def check_alert_tests():
    names = [n for n, _ in alert_blocks()]
    text = read("deploy/prometheus/alerts.test.yml")
    fires, quiet = set(), set()
    for name, expectation in re.findall(r"alertname:\s*(\S+)\s*\n\s*exp_alerts:\s*(\[\])?", text):
        (quiet if expectation else fires).add(name)
    for name in names:
        if name not in fires:
            problem(f"{name}: no test in alerts.test.yml where it fires")
        if name not in quiet:
            problem(f"{name}: no test in alerts.test.yml where it stays quiet")
    for name in (fires | quiet) - set(names):
        problem(f"alerts.test.yml tests {name}, which alerts.yml does not define")
    print(f"{len(names)} alerts checked against alerts.test.yml")


# --- dashboard -----------------------------------------------------------------------------------------------------
def check_dashboard():
    dashboard = json.loads(read("deploy/grafana/shield-dashboard.json"))
    variables = {v.get("name"): v for v in dashboard.get("templating", {}).get("list", [])}
    if variables.get("datasource", {}).get("type") != "datasource":
        problem("dashboard: no datasource variable named 'datasource'")
    if "instance" not in variables:
        problem("dashboard: no 'instance' variable")
    panels = [p for p in all_panels(dashboard) if p.get("type") != "row"]
    ids = [p.get("id") for p in all_panels(dashboard)]
    if len(ids) != len(set(ids)):
        problem("dashboard: panel ids are not unique")
    for panel in panels:
        if not panel.get("targets"):
            problem(f"dashboard panel {panel.get('title')!r} has no query")
        if panel.get("datasource", {}).get("uid") != "${datasource}":
            problem(f"dashboard panel {panel.get('title')!r} does not use the ${{datasource}} variable")
        for target in panel.get("targets", []):
            if "$instance" not in target.get("expr", "") and "up{" not in target.get("expr", ""):
                problem(f"dashboard panel {panel.get('title')!r}: a query ignores the instance variable")
    print(f"dashboard: {len(panels)} panels, schemaVersion {dashboard.get('schemaVersion')}")


# --- shield.env.example --------------------------------------------------------------------------------------------
SECRET = re.compile(r"Secret|Password|Passkey|KeyHash|ConsumerKey|ConnectionStrings|Cache__Redis", re.I)


def check_env_example():
    documentation = read("README.md") + "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))
    count = 0
    for number, line in enumerate(read("deploy/systemd/shield.env.example").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, _, value = line.partition("=")
        count += 1
        if "__" in name:
            parts = name.split("__")
            # Console__Operators__0__Username: the list Console:Operators, documented with its entries' fields.
            index = next((i for i, p in enumerate(parts) if p.isdigit()), len(parts))
            documented = ":".join(parts[:index]) in documentation and all(p in documentation for p in parts[index + 1:])
        else:
            documented = name in documentation
        if not documented:
            problem(f"shield.env.example:{number}: {name} is not a setting README.md or docs/ document")
        if SECRET.search(name) and value.strip():
            problem(f"shield.env.example:{number}: {name} is a secret and must be empty in the example")
    print(f"shield.env.example: {count} names checked")


def check_ports():
    nginx = read("deploy/nginx/shield.conf")
    upstream = re.search(r"upstream shield \{(.*?)\n\}", nginx, re.S).group(1)
    nginx_ports = re.findall(r"^\s*server\s+[\w.\[\]:-]+:(\d+)", upstream, re.M)
    prometheus = re.findall(r"^\s*- [\w.-]+:(\d+)\s*$", read("deploy/prometheus/prometheus.yml"), re.M)
    prometheus = [p for p in prometheus if p != "9090"]
    unit = re.findall(r"ASPNETCORE_URLS=http://[\w.]+:(\d+)", read("deploy/systemd/shield.service"))
    if sorted(nginx_ports) != sorted(prometheus) or not set(unit) <= set(nginx_ports) or not nginx_ports:
        problem(f"instance ports differ: nginx {nginx_ports}, prometheus {prometheus}, systemd {unit}")
    print(f"instance ports: nginx {nginx_ports}, prometheus {prometheus}, systemd unit {unit}")


CHECKS = {"metric-names": check_metric_names, "alert-fields": check_alert_fields, "alert-tests": check_alert_tests,
          "dashboard": check_dashboard, "env-example": check_env_example, "ports": check_ports}

if __name__ == "__main__":
    CHECKS[sys.argv[1]]()
    for text in PROBLEMS:
        print("PROBLEM: " + text)
    sys.exit(1 if PROBLEMS else 0)

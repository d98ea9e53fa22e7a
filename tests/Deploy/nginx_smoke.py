#!/usr/bin/env python3
"""Serves deploy/nginx/shield.conf with a real nginx in front of three stub instances and checks what it promises.

Usage: nginx_smoke.py <repository root> <work dir>. Only loopback, free ports, files in the work dir: the sample's
ports, certificate and log paths are replaced, nothing else. Prints one line per check; exits 1 if one fails.
Checks: /metrics is refused and never reaches an instance; health checks are proxied for loopback; a callback's
secret reaches Shield but not the access log; X-Forwarded-For/Proto are set; a body over 64 KB is refused; http
redirects to https; the internal retry location cannot be called from outside; and the retry policy, with one
instance that drops every POST without answering (as an instance killed mid-request does): a callback is resent to
another instance, a new payment without an Idempotency-Key is not (502), one with a key is.
"""
import http.client
import http.server
import json
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT, WORK = Path(sys.argv[1]), Path(sys.argv[2])
FAILED = []
SEEN = []          # (stub port, method, path, headers) of every request a stub received
SEEN_LOCK = threading.Lock()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Stub(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"   # keep-alive, as nginx's upstream keepalive expects

    def log_message(self, *args):
        pass

    def handle_one(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        with SEEN_LOCK:
            SEEN.append((self.server.server_port, self.command, self.path, dict(self.headers)))
        if self.command == "POST" and self.server.drops_posts:
            self.close_connection = True        # read the request, answer nothing: a process killed mid-request
            return
        body = json.dumps({"instance": self.server.server_port}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = handle_one


def start_stub(port, drops_posts=False):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Stub)
    server.drops_posts = drops_posts
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def check(name, condition, detail=""):
    print(("ok    " if condition else "FAIL  ") + name + ("" if condition else f": {detail}"))
    if not condition:
        FAILED.append(name)


def main():
    WORK.mkdir(parents=True, exist_ok=True)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=pay.example.com",
                    "-keyout", str(WORK / "shield.key"), "-out", str(WORK / "shield.crt")], check=True, capture_output=True)
    stub_ports = [free_port() for _ in range(3)]
    http_port, https_port = free_port(), free_port()
    sample = (ROOT / "deploy/nginx/shield.conf").read_text()
    for original, port in zip(("5001", "5002", "5003"), stub_ports):
        sample = sample.replace(f"127.0.0.1:{original}", f"127.0.0.1:{port}")
    sample = re.sub(r"^\s*listen \[::\]:.*$", "", sample, flags=re.M)
    sample = sample.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    sample = sample.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    sample = sample.replace("https://$host$request_uri", f"https://$host:{https_port}$request_uri")
    sample = sample.replace("/etc/nginx/tls/", f"{WORK}/").replace("/var/log/nginx/", f"{WORK}/")
    (WORK / "shield.conf").write_text(sample)
    (WORK / "nginx.conf").write_text(f"""worker_processes 1;
daemon off;
pid {WORK}/nginx.pid;
error_log {WORK}/error.log warn;
events {{ worker_connections 256; }}
http {{
    client_body_temp_path {WORK}/body; proxy_temp_path {WORK}/proxy; fastcgi_temp_path {WORK}/fastcgi;
    uwsgi_temp_path {WORK}/uwsgi; scgi_temp_path {WORK}/scgi;
    access_log off;
    include {WORK}/shield.conf;
}}
""")

    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE

    def request(method, path, body=None, headers=None, port=None, tls=True):
        connection = (http.client.HTTPSConnection("127.0.0.1", port or https_port, context=context, timeout=20) if tls
                      else http.client.HTTPConnection("127.0.0.1", port, timeout=20))
        connection.request(method, path, body=body, headers=dict({"Host": "pay.example.com"}, **(headers or {})))
        response = connection.getresponse()
        response.read()
        connection.close()
        return response.status, response.getheader("Location")

    def serve(drops_on_first=False):
        stubs = [start_stub(p, drops_posts=(drops_on_first and i == 0)) for i, p in enumerate(stub_ports)]
        nginx = subprocess.Popen(["nginx", "-p", str(WORK), "-c", str(WORK / "nginx.conf")], stderr=subprocess.PIPE, text=True)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", https_port), timeout=0.2).close()
                break
            except OSError:
                if nginx.poll() is not None:
                    raise SystemExit("nginx did not start: " + nginx.stderr.read())
                time.sleep(0.1)
        return stubs, nginx

    def stop(stubs, nginx):
        nginx.send_signal(signal.SIGQUIT)
        nginx.wait(timeout=10)
        for stub in stubs:
            stub.shutdown()
            stub.server_close()
        SEEN.clear()

    # --- routing, headers, logs -------------------------------------------------------------------------------
    stubs, nginx = serve()
    try:
        status, _ = request("GET", "/metrics")
        check("GET /metrics from outside is refused (403) and reaches no instance",
              status == 403 and not any(p.startswith("/metrics") for _, _, p, _ in SEEN), f"status {status}, seen {SEEN}")
        status, _ = request("GET", "/health/ready")
        check("GET /health/ready from loopback is proxied", status == 200 and any(p == "/health/ready" for _, _, p, _ in SEEN),
              f"status {status}")
        secret = "s3cr3t-callback-segment-4f9a"
        status, _ = request("POST", f"/api/v1/daraja/stk-callback/{secret}", body=b'{"Body":{}}',
                            headers={"Content-Type": "application/json", "X-Forwarded-For": "196.201.214.200"})
        forwarded = [h for _, _, p, h in SEEN if p.endswith(secret)]
        check("a callback reaches an instance with its secret path", status == 200 and len(forwarded) == 1, f"status {status}")
        check("X-Forwarded-For is the peer's address, not the client's header, and X-Forwarded-Proto is https",
              forwarded and forwarded[0].get("X-Forwarded-For") == "127.0.0.1" and forwarded[0].get("X-Forwarded-Proto") == "https",
              forwarded[0] if forwarded else "not forwarded")
        status, _ = request("POST", "/api/v1/payments", body=b"{}", headers={"Idempotency-Key": "k-1", "Content-Type": "application/json"})
        check("a payment with an Idempotency-Key reaches the instance as POST /api/v1/payments",
              status == 200 and any(m == "POST" and p == "/api/v1/payments" for _, m, p, _ in SEEN), f"status {status}, seen {[p for _, _, p, _ in SEEN]}")
        status, _ = request("POST", "/__shield_idempotent/api/v1/payments", body=b"{}")
        check("the internal retry location cannot be called from outside", status == 404, f"status {status}")
        before = len(SEEN)
        status, _ = request("POST", "/api/v1/payments", body=b"x" * (65 * 1024), headers={"Content-Type": "application/json"})
        check("a body over 64 KB is refused by nginx (413)", status == 413 and len(SEEN) == before, f"status {status}")
        status, location = request("GET", "/api/v1/payments", port=http_port, tls=False)
        check("plain http is redirected to https", status == 301 and (location or "").startswith("https://"), f"{status} {location}")
    finally:
        stop(stubs, nginx)
    log = (WORK / "shield.access.log").read_text()
    check("the access log shows the callback path redacted, never the secret",
          "/api/v1/daraja/stk-callback/redacted" in log and secret not in log, log[-500:])

    # --- retries, with the first instance dropping every POST ---------------------------------------------------
    def posts(path, count, keyed):
        stubs_, nginx_ = serve(drops_on_first=True)
        try:
            statuses = [request("POST", path, body=b"{}", headers=dict({"Content-Type": "application/json"},
                                                                     **({"Idempotency-Key": f"key-{i}"} if keyed else {})))[0]
                        for i in range(count)]
            dropped = sum(1 for port, m, _, _ in SEEN if port == stub_ports[0] and m == "POST")
            return statuses, dropped, len(SEEN)
        finally:
            stop(stubs_, nginx_)

    statuses, dropped, received = posts("/api/v1/daraja/stk-callback/s3cr3t-callback-segment-4f9a", 6, keyed=False)
    check("a callback dropped by an instance is resent to another (all 200)",
          dropped >= 1 and statuses == [200] * 6 and received == 6 + dropped, f"statuses {statuses}, dropped {dropped}, received {received}")
    logs = {p.name: p.read_text() for p in WORK.glob("*.log")}
    check("no nginx log holds the callback secret, also after an instance dropped callbacks",
          not any(secret in text for text in logs.values()), [n for n, t in logs.items() if secret in t])
    check("the access log shows the resent callback's two upstream answers", "upstream_status=502, 200" in logs.get("shield.access.log", ""),
          logs.get("shield.access.log", "")[-400:])
    statuses, dropped, received = posts("/api/v1/payments", 6, keyed=False)
    check("a new payment without Idempotency-Key is never resent once an instance had it (502)",
          dropped >= 1 and statuses.count(502) == dropped and received == 6, f"statuses {statuses}, dropped {dropped}, received {received}")
    statuses, dropped, received = posts("/api/v1/payments", 6, keyed=True)
    check("a new payment with an Idempotency-Key is resent to another instance (all 200)",
          dropped >= 1 and statuses == [200] * 6 and received == 6 + dropped, f"statuses {statuses}, dropped {dropped}, received {received}")
    sys.exit(1 if FAILED else 0)


if __name__ == "__main__":
    main()

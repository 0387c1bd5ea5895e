#!/usr/bin/env python3
"""A local JSON Feed API to try the example against (and the Python tests' vendor).

    python3 examples/json_feed_simulator.py --port 8080 --token demo-token --alerts 25

Serves GET /api/v1/alerts (after/limit, then page_token), GET /api/v1/account and
POST /api/v1/alerts/{id}/acknowledge, with bearer auth. Faults for tests: `inject(kind)` with
"expire-page-token", "malformed-json", "rate-limit" or "server-error".
"""

import argparse
import json
import threading
import uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

SEVERITIES = ("low", "medium", "high", "critical")


class JsonFeed:
    """The vendor's state: alerts with a change sequence, page tokens, armed faults, requests seen."""

    def __init__(self, token, page_size=3):
        self.token = token
        self.page_size = page_size
        self.alerts = []
        self.seq = 0
        self.tokens = {}
        self.faults = []
        self.requests = []
        self.acknowledged = []
        self.lock = threading.Lock()

    def seed(self, count, start=datetime(2026, 5, 1, tzinfo=timezone.utc)):
        for _ in range(count):
            self.seq += 1
            n = len(self.alerts) + 1
            stamp = (start + timedelta(seconds=n)).isoformat().replace("+00:00", "Z")
            self.alerts.append({"id": f"alert-{n:04d}", "seq": self.seq, "title": f"Alert {n}", "severity": SEVERITIES[n % 4],
                                "status": "new", "host": f"host-{n % 3}", "created_at": stamp, "updated_at": stamp})

    def inject(self, kind):
        self.faults.append(kind)

    def _fault(self, kind, applies=True):
        if applies and kind in self.faults:
            self.faults.remove(kind)
            return True
        return False

    def handle(self, method, path, query, authorization):
        """Returns (status, headers, body text)."""
        self.requests.append({"method": method, "path": path, "query": query})
        if authorization != f"Bearer {self.token}":
            return 401, {}, json.dumps({"error": "unauthorized"})
        if self._fault("rate-limit"):
            return 429, {"Retry-After": "2"}, json.dumps({"error": "slow down"})
        if self._fault("server-error"):
            return 503, {}, json.dumps({"error": "unavailable"})
        if method == "GET" and path == "/api/v1/alerts":
            return self._list(query)
        if method == "GET" and path == "/api/v1/account":
            return 200, {}, json.dumps({"name": "Example tenant", "alerts": len(self.alerts)})
        parts = path.strip("/").split("/")
        if method == "POST" and len(parts) == 5 and parts[:3] == ["api", "v1", "alerts"] and parts[4] == "acknowledge":
            if any(a["id"] == parts[3] for a in self.alerts):
                self.acknowledged.append(parts[3])
                return 200, {}, json.dumps({"id": parts[3], "acknowledged": True})
        return 404, {}, json.dumps({"error": "not_found"})

    def _list(self, query):
        token = query.get("page_token")
        if self._fault("expire-page-token", token is not None) or (token is not None and token not in self.tokens):
            return 410, {}, json.dumps({"error": "page_token_expired"})
        if self._fault("malformed-json"):
            return 200, {}, '{"items": [{"id": "alert-'
        after, limit = self.tokens[token] if token else (int(query.get("after", 0)), min(int(query.get("limit", self.page_size)), 500))
        items = [a for a in self.alerts if a["seq"] > after][:limit]
        last = items[-1]["seq"] if items else after
        more = any(a["seq"] > last for a in self.alerts)
        next_token = None
        if more:
            next_token = uuid.uuid4().hex
            self.tokens[next_token] = (last, limit)
        return 200, {}, json.dumps({"items": items, "next_page_token": next_token})


def serve(feed, port=0):
    """Starts the API on 127.0.0.1 in a background thread; returns the server (`server.server_port`)."""

    class Handler(BaseHTTPRequestHandler):
        def _answer(self):
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            length = int(self.headers.get("content-length") or 0)
            if length:
                self.rfile.read(length)
            with feed.lock:
                status, headers, body = feed.handle(self.command, url.path, query, self.headers.get("authorization"))
            self.send_response(status)
            self.send_header("content-type", "application/json")
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("content-length", str(len(body.encode())))
            self.end_headers()
            self.wfile.write(body.encode())

        do_GET = do_POST = _answer

        def log_message(self, *_args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--token", default="demo-token")
    parser.add_argument("--alerts", type=int, default=25)
    options = parser.parse_args()
    feed = JsonFeed(options.token)
    feed.seed(options.alerts)
    server = serve(feed, options.port)
    print(f"JSON Feed on http://127.0.0.1:{server.server_port}/api/v1 (token {options.token}); Ctrl-C stops it")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()

"""Shared test helpers: run a connector in-process or the example as a subprocess, read its messages."""

import io
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "examples"))

from patchbay_sdk import PROTOCOL_VERSION, run  # noqa: E402

EXAMPLE = os.path.join(ROOT, "examples", "json_feed.py")


def request(**fields):
    return {"protocol": PROTOCOL_VERSION, **fields}


def messages(raw):
    return [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]


def run_in_process(connector, operation, req=None):
    """Runs `run()` with in-memory stdio; returns (exit code, messages, stderr text)."""
    stdin = io.BytesIO((json.dumps(req) + "\n").encode() if req is not None else b"")
    stdout, stderr = io.BytesIO(), io.StringIO()
    code = run(connector, argv=[operation], stdin=stdin, stdout=stdout, stderr=stderr)
    return code, messages(stdout.getvalue()), stderr.getvalue()


def run_example(operation, req):
    """Runs the example program as the engine does: operation as the last argument, request on stdin."""
    done = subprocess.run([sys.executable, EXAMPLE, operation], input=(json.dumps(req) + "\n").encode(), capture_output=True, timeout=30,
                          env={"PATH": os.environ.get("PATH", "")})
    return done.returncode, messages(done.stdout), done.stderr.decode()

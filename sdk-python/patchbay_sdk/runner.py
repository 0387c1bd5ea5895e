"""`run(connector)`: the program's entry point. Reads the operation (last argument) and the request
(one JSON line on stdin), runs the handler, and answers with JSON lines on stdout."""

from __future__ import annotations

import contextlib
import json
import sys
import traceback
from typing import Any, BinaryIO, Mapping, Optional, Sequence, TextIO

from .connector import Connector, Stream
from .context import Context
from .errors import CONFIG_INVALID, PROCESS_FAILED, PROCESS_PROTOCOL_ERROR, ConnectorError
from .protocol import OPERATIONS, PROTOCOL_VERSION, MessageWriter

USAGE = "usage: <program> [args...] spec|check|discover|read|invoke|map  (one JSON request line on stdin)"


def _read_request(stdin: BinaryIO) -> dict:
    line = stdin.readline()
    try:
        request = json.loads(line.decode("utf-8")) if line.strip() else None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConnectorError(PROCESS_PROTOCOL_ERROR, f"the request line is not JSON: {error}") from None
    if not isinstance(request, dict):
        raise ConnectorError(PROCESS_PROTOCOL_ERROR, "expected one JSON object request line on stdin")
    if request.get("protocol") != PROTOCOL_VERSION:
        raise ConnectorError(PROCESS_PROTOCOL_ERROR, f"this program speaks {PROTOCOL_VERSION}, the request is {request.get('protocol')!r}")
    return request


def _stream(connector: Connector, request: Mapping[str, Any]) -> Stream:
    name = request.get("stream")
    if name not in connector.streams:
        raise ConnectorError(CONFIG_INVALID, f"this connector has no stream {name!r}")
    return connector.streams[name]


def _mapped(stream: Stream, record: Mapping[str, Any]) -> dict:
    """OCSF for one record, or the reason it could not be mapped (the engine keeps it as rejected)."""
    try:
        return {"ocsf": dict(stream.map(dict(record)))}
    except Exception as error:  # noqa: BLE001 - any mapper failure rejects only this record
        return {"mapping_error": f"{type(error).__name__}: {error}"}


def _read(connector: Connector, ctx: Context, writer: MessageWriter) -> None:
    stream = _stream(connector, ctx.request)
    checkpoint = ctx.request.get("checkpoint")
    pages = 0
    for page in stream.fetch(ctx, checkpoint):
        for record in page.records:
            writer.record(stream.name, record, **_mapped(stream, record))
        writer.state(stream.name, page.checkpoint)
        pages += 1
    if pages == 0:  # a read always ends with a STATE, even when it found nothing new
        writer.state(stream.name, dict(checkpoint) if isinstance(checkpoint, dict) else dict(stream.initial_checkpoint))


def _discover(connector: Connector, ctx: Context, writer: MessageWriter) -> None:
    if connector.discover_fn is None:
        writer.catalog([{"name": name, "available": True} for name in connector.streams])
        return
    streams = []
    for entry in connector.discover_fn(ctx):
        streams.append({"name": entry, "available": True} if isinstance(entry, str) else dict(entry))
    writer.catalog(streams)


def _dispatch(connector: Connector, operation: str, request: dict, writer: MessageWriter) -> None:
    ctx = Context(operation, request, writer)
    if operation == "check":
        if connector.check_fn is None:
            raise ConnectorError(CONFIG_INVALID, "this connector has no connection test")
        writer.check(connector.check_fn(ctx) or {})
    elif operation == "discover":
        _discover(connector, ctx, writer)
    elif operation == "read":
        _read(connector, ctx, writer)
    elif operation == "map":
        stream = _stream(connector, request)
        for record in request.get("records") or []:
            writer.record(stream.name, record, **_mapped(stream, record))
    elif operation == "invoke":
        action = connector.actions.get(request.get("action"))
        if action is None:
            raise ConnectorError(CONFIG_INVALID, f"this connector has no action {request.get('action')!r}")
        writer.result(action.run(ctx, dict(request.get("input") or {})))


def run(connector: Connector, argv: Optional[Sequence[str]] = None, stdin: Optional[BinaryIO] = None, stdout: Optional[BinaryIO] = None,
        stderr: Optional[TextIO] = None) -> int:
    """Runs one operation and returns the exit code: 0 on success, 1 after an ERROR message, 2 on bad usage.
    While it runs, `print()` goes to stderr: stdout carries protocol messages only."""
    argv = list(sys.argv[1:] if argv is None else argv)
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout.buffer
    stderr = stderr or sys.stderr
    operation = argv[-1] if argv else None
    if operation not in OPERATIONS:
        print(USAGE, file=stderr)
        return 2
    writer = MessageWriter(stdout)
    try:
        with contextlib.redirect_stdout(stderr):
            if operation == "spec":
                writer.spec(connector.spec())
            else:
                _dispatch(connector, operation, _read_request(stdin), writer)
        return 0
    except ConnectorError as error:
        writer.send(error.to_message())
        return 1
    except Exception as error:  # noqa: BLE001 - reported to the engine, traceback to stderr
        traceback.print_exc(file=stderr)
        writer.send(ConnectorError(PROCESS_FAILED, f"{type(error).__name__}: {error}").to_message())
        return 1

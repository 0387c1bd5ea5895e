"""The wire format: one JSON object per line on stdout (docs/connectors/PROTOCOL.md)."""

from __future__ import annotations

import json
from typing import Any, BinaryIO, Mapping, Optional

PROTOCOL_VERSION = "patchbay-process/1"
OPERATIONS = ("spec", "check", "discover", "read", "invoke", "map")
LOG_LEVELS = ("debug", "info", "warn", "error")


class MessageWriter:
    """Writes protocol messages, one JSON line each, flushed at once so the engine sees them as they happen."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def send(self, message: Mapping[str, Any]) -> None:
        line = json.dumps(message, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        self._stream.write(line.encode("utf-8") + b"\n")
        self._stream.flush()

    def spec(self, spec: Mapping[str, Any]) -> None:
        self.send({"type": "SPEC", "spec": spec})

    def check(self, details: Optional[Mapping[str, Any]] = None) -> None:
        self.send({"type": "CHECK", "ok": True, "details": dict(details or {})})

    def catalog(self, streams: list) -> None:
        self.send({"type": "CATALOG", "streams": streams})

    def record(self, stream: str, record: Mapping[str, Any], *, ocsf: Optional[Mapping[str, Any]] = None, mapping_error: Optional[str] = None) -> None:
        message: dict = {"type": "RECORD", "stream": stream, "record": record}
        if mapping_error is not None:
            message["mapping_error"] = mapping_error
        else:
            message["ocsf"] = ocsf
        self.send(message)

    def state(self, stream: str, checkpoint: Mapping[str, Any]) -> None:
        self.send({"type": "STATE", "stream": stream, "checkpoint": checkpoint})

    def result(self, output: Any) -> None:
        self.send({"type": "RESULT", "output": output})

    def log(self, level: str, message: str, fields: Optional[Mapping[str, Any]] = None) -> None:
        if level not in LOG_LEVELS:
            raise ValueError(f"log level must be one of {', '.join(LOG_LEVELS)}")
        entry: dict = {"type": "LOG", "level": level, "message": message}
        if fields:
            entry["fields"] = dict(fields)
        self.send(entry)

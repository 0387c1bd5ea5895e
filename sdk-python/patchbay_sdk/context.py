"""What a handler receives: the instance's config, its credentials, a logger, and the request."""

from __future__ import annotations

from typing import Any, Iterator, Mapping, Optional

from .protocol import MessageWriter


class Credentials:
    """The instance's credentials (from stdin only). Never printed: repr shows the field names, not values."""

    def __init__(self, raw: Optional[Mapping[str, Any]]) -> None:
        raw = raw or {}
        self.type: Optional[str] = raw.get("type")
        self._values = dict(raw.get("values") or {})

    def get(self, name: str, default: Any = None) -> Any:
        return self._values.get(name, default)

    def __contains__(self, name: str) -> bool:
        return name in self._values

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __bool__(self) -> bool:
        return bool(self._values)

    def __repr__(self) -> str:
        return f"Credentials(type={self.type!r}, fields={sorted(self._values)!r})"

    __str__ = __repr__


class Logger:
    """Sends LOG messages; the engine writes them to its log (secret values redacted)."""

    def __init__(self, writer: MessageWriter) -> None:
        self._writer = writer

    def debug(self, message: str, **fields: Any) -> None:
        self._writer.log("debug", message, fields)

    def info(self, message: str, **fields: Any) -> None:
        self._writer.log("info", message, fields)

    def warn(self, message: str, **fields: Any) -> None:
        self._writer.log("warn", message, fields)

    def error(self, message: str, **fields: Any) -> None:
        self._writer.log("error", message, fields)


class Context:
    """One operation's inputs. `config` is the instance configuration, already checked by the engine."""

    def __init__(self, operation: str, request: Mapping[str, Any], writer: MessageWriter) -> None:
        self.operation = operation
        self.request = {k: v for k, v in request.items() if k != "credentials"}  # credentials only through .credentials
        self.config: dict = dict(request.get("config") or {})
        self.credentials = Credentials(request.get("credentials"))
        self.instance_id: Optional[str] = request.get("instance_id")
        self.log = Logger(writer)

    def __repr__(self) -> str:
        return f"Context(operation={self.operation!r}, instance_id={self.instance_id!r}, config={self.config!r}, credentials={self.credentials!r})"

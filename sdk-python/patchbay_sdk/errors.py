"""Errors a connector reports to the engine: each becomes one ERROR message with a stable code."""

from __future__ import annotations

from typing import Any, Mapping, Optional

# The codes a program may report (docs/connectors/PROTOCOL.md); any other becomes PROCESS_FAILED.
VENDOR_AUTH_FAILED = "VENDOR_AUTH_FAILED"
VENDOR_PERMISSION_DENIED = "VENDOR_PERMISSION_DENIED"
VENDOR_RATE_LIMITED = "VENDOR_RATE_LIMITED"
VENDOR_UNAVAILABLE = "VENDOR_UNAVAILABLE"
VENDOR_TIMEOUT = "VENDOR_TIMEOUT"
VENDOR_BAD_RESPONSE = "VENDOR_BAD_RESPONSE"
VENDOR_REQUEST_REJECTED = "VENDOR_REQUEST_REJECTED"
RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE"
PAGE_TOKEN_EXPIRED = "PAGE_TOKEN_EXPIRED"
HOST_NOT_ALLOWED = "HOST_NOT_ALLOWED"
PRIVATE_NETWORK_BLOCKED = "PRIVATE_NETWORK_BLOCKED"
CONFIG_INVALID = "CONFIG_INVALID"
NOT_FOUND = "NOT_FOUND"
PROCESS_PROTOCOL_ERROR = "PROCESS_PROTOCOL_ERROR"
PROCESS_FAILED = "PROCESS_FAILED"


class ConnectorError(Exception):
    """A failure with a Patchbay error code. Raise it from any handler; the runner reports it and exits 1."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        retryable: Optional[bool] = None,
        retry_after_ms: Optional[int] = None,
        details: Optional[Mapping[str, Any]] = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.retryable = retryable
        self.retry_after_ms = retry_after_ms
        self.details = dict(details or {})

    def to_message(self) -> dict:
        message: dict = {"type": "ERROR", "code": self.code, "message": self.message}
        if self.retryable is not None:
            message["retryable"] = self.retryable
        if self.retry_after_ms is not None:
            message["retry_after_ms"] = int(self.retry_after_ms)
        if self.details:
            message["details"] = self.details
        return message

"""A small JSON HTTP client over urllib that reports vendor failures with Patchbay error codes."""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Callable, Mapping, Optional

from . import errors
from .errors import ConnectorError

MAX_BODY_BYTES = 16 * 1024 * 1024
USER_AGENT = "patchbay-sdk-python/0.1"


class HttpResponse:
    __slots__ = ("status", "headers", "body")

    def __init__(self, status: int, headers: Mapping[str, str], body: Any) -> None:
        self.status = status
        self.headers = dict(headers)
        self.body = body


def _retry_after_ms(value: Optional[str]) -> Optional[int]:
    if value is None:
        return None
    try:
        return max(0, int(float(value) * 1000))
    except ValueError:
        return None


def _status_error(status: int, url: str, retry_after: Optional[str]) -> ConnectorError:
    """The error for an HTTP status; `details["status"]` keeps the status for callers that handle one."""
    where = urllib.parse.urlsplit(url)._replace(query="").geturl()  # never the query: it may carry keys
    details = {"status": status}
    if status == 401:
        return ConnectorError(errors.VENDOR_AUTH_FAILED, f"{where} answered 401: the credentials were rejected", details=details)
    if status == 403:
        return ConnectorError(errors.VENDOR_PERMISSION_DENIED, f"{where} answered 403: the credentials lack a permission", details=details)
    if status == 429:
        return ConnectorError(errors.VENDOR_RATE_LIMITED, f"{where} answered 429", retryable=True, retry_after_ms=_retry_after_ms(retry_after), details=details)
    if status >= 500:
        return ConnectorError(errors.VENDOR_UNAVAILABLE, f"{where} answered {status}", retryable=True, details=details)
    return ConnectorError(errors.VENDOR_REQUEST_REJECTED, f"{where} answered {status}", details=details)


class JsonHttpClient:
    """GET and POST JSON against one base URL. 429 and 5xx are retried `retries` times (honouring
    Retry-After up to `max_wait_s`), then raised as ConnectorError with the matching code."""

    def __init__(self, base_url: str, *, headers: Optional[Mapping[str, str]] = None, timeout_s: float = 30.0, retries: int = 2,
                 max_wait_s: float = 30.0, sleep: Callable[[float], None] = time.sleep) -> None:
        self.base_url = base_url.rstrip("/") + "/"
        self.headers = {"accept": "application/json", "user-agent": USER_AGENT, **{k.lower(): v for k, v in (headers or {}).items()}}
        self.timeout_s = timeout_s
        self.retries = retries
        self.max_wait_s = max_wait_s
        self.sleep = sleep

    def url(self, path: str, params: Optional[Mapping[str, Any]] = None) -> str:
        url = urllib.parse.urljoin(self.base_url, path.lstrip("/"))
        query = {k: v for k, v in (params or {}).items() if v is not None}
        return f"{url}?{urllib.parse.urlencode(query, doseq=True)}" if query else url

    def get(self, path: str, params: Optional[Mapping[str, Any]] = None) -> HttpResponse:
        return self.request("GET", path, params=params)

    def post(self, path: str, body: Any = None, params: Optional[Mapping[str, Any]] = None) -> HttpResponse:
        return self.request("POST", path, params=params, body=body)

    def request(self, method: str, path: str, *, params: Optional[Mapping[str, Any]] = None, body: Any = None) -> HttpResponse:
        url = self.url(path, params)
        for attempt in range(self.retries + 1):
            try:
                return self._once(method, url, body)
            except ConnectorError as error:
                if not error.retryable or attempt == self.retries:
                    raise
                backoff = 0.5 * (2 ** attempt)
                self.sleep(min(self.max_wait_s, (error.retry_after_ms / 1000) if error.retry_after_ms is not None else backoff))
        raise AssertionError("unreachable")

    def _once(self, method: str, url: str, body: Any) -> HttpResponse:
        data = None if body is None else json.dumps(body).encode("utf-8")
        headers = dict(self.headers, **({"content-type": "application/json"} if data is not None else {}))
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                raw = response.read(MAX_BODY_BYTES + 1)
                status, response_headers = response.status, dict(response.headers.items())
        except urllib.error.HTTPError as error:
            retry_after = error.headers.get("retry-after")
            error.close()
            raise _status_error(error.code, url, retry_after) from None
        except (socket.timeout, TimeoutError):
            raise ConnectorError(errors.VENDOR_TIMEOUT, f"{method} {urllib.parse.urlsplit(url).netloc} did not answer within {self.timeout_s} s", retryable=True) from None
        except urllib.error.URLError as error:
            raise ConnectorError(errors.VENDOR_UNAVAILABLE, f"{urllib.parse.urlsplit(url).netloc} is unreachable: {error.reason}", retryable=True) from None
        if len(raw) > MAX_BODY_BYTES:
            raise ConnectorError(errors.RESPONSE_TOO_LARGE, f"the response is larger than {MAX_BODY_BYTES} bytes")
        try:
            parsed = json.loads(raw.decode("utf-8")) if raw.strip() else None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ConnectorError(errors.VENDOR_BAD_RESPONSE, f"the vendor answered malformed JSON: {error}") from None
        return HttpResponse(status, response_headers, parsed)

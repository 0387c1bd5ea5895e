"""Patchbay connector SDK for Python: write a connector as a program speaking the process protocol
(patchbay-process/1, JSON lines on stdio). Standard library only."""

from .connector import Action, Connector, Stream, from_config
from .context import Context, Credentials, Logger
from .errors import ConnectorError
from .http_client import HttpResponse, JsonHttpClient
from .pagination import Page, paginate
from .protocol import OPERATIONS, PROTOCOL_VERSION, MessageWriter
from .runner import run

__all__ = [
    "Action", "Connector", "ConnectorError", "Context", "Credentials", "HttpResponse", "JsonHttpClient", "Logger",
    "MessageWriter", "OPERATIONS", "PROTOCOL_VERSION", "Page", "Stream", "from_config", "paginate", "run",
]
__version__ = "0.1.0"

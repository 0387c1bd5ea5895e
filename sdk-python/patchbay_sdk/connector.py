"""The declarative side: a Connector with its streams, actions, check and discover handlers, and its spec."""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Union

from .context import Context
from .pagination import Page

FetchFn = Callable[[Context, Optional[dict]], Iterable[Page]]
MapFn = Callable[[dict], Mapping[str, Any]]
ActionFn = Callable[[Context, dict], Any]
CheckFn = Callable[[Context], Optional[Mapping[str, Any]]]
DiscoverFn = Callable[[Context], Iterable[Union[str, Mapping[str, Any]]]]

OPEN_OBJECT = {"type": "object"}


def from_config(field: str) -> dict:
    """An allowed host taken from a config field (`base_url`): the instance decides where the vendor is."""
    return {"from_config": field}


class Stream:
    """One stream: `fetch(ctx, checkpoint)` yields Page objects; `map(record)` turns a raw record into OCSF."""

    def __init__(self, name: str, fetch: FetchFn, *, map: MapFn, ocsf_class: Optional[str], ocsf_class_uid: Optional[int], primary_key: str,
                 checkpoint_schema: Optional[dict], initial_checkpoint: Optional[dict], full_refresh: bool, permissions: Sequence[str],
                 schedule_minutes: Optional[int], title: Optional[str], description: Optional[str]) -> None:
        self.name = name
        self.fetch = fetch
        self.map = map
        self.ocsf_class = ocsf_class
        self.ocsf_class_uid = ocsf_class_uid
        self.primary_key = primary_key
        self.checkpoint_schema = checkpoint_schema
        self.initial_checkpoint = dict(initial_checkpoint or {})
        self.full_refresh = full_refresh
        self.permissions = list(permissions)
        self.schedule_minutes = schedule_minutes
        self.title = title
        self.description = description

    def to_spec(self) -> dict:
        ocsf: dict = {}
        if self.ocsf_class is not None:
            ocsf["class"] = self.ocsf_class
        if self.ocsf_class_uid is not None:
            ocsf["class_uid"] = self.ocsf_class_uid
        spec: dict = {"name": self.name, "ocsf": ocsf, "primary_key": self.primary_key, "full_refresh": self.full_refresh, "permissions": self.permissions}
        optional = {"title": self.title, "description": self.description, "checkpoint": self.checkpoint_schema}
        spec.update({k: v for k, v in optional.items() if v is not None})
        if self.schedule_minutes is not None:
            spec["schedule"] = {"interval_minutes": self.schedule_minutes}
        return spec


class Action:
    """One action: `run(ctx, input)` returns the output object."""

    def __init__(self, name: str, run: ActionFn, *, title: str, description: str, input_schema: dict, output_schema: dict, read_only: bool,
                 impact: str, category: str, reverse: Optional[str], permissions: Sequence[str]) -> None:
        self.name = name
        self.run = run
        self.title = title
        self.description = description
        self.input_schema = input_schema
        self.output_schema = output_schema
        self.read_only = read_only
        self.impact = impact
        self.category = category
        self.reverse = reverse
        self.permissions = list(permissions)

    def to_spec(self) -> dict:
        spec = {"name": self.name, "title": self.title, "description": self.description, "input": self.input_schema, "output": self.output_schema,
                "read_only": self.read_only, "impact": self.impact, "category": self.category, "permissions": self.permissions}
        if self.reverse is not None:
            spec["reverse"] = self.reverse
        return spec


class Connector:
    """A connector declaration. Register handlers with the decorators, then call `patchbay_sdk.run(connector)`."""

    def __init__(self, *, id: str, name: str, vendor: str, version: str, description: str, features: Sequence[str], docs_url: str,
                 config_schema: Mapping[str, Any], allowed_hosts: Sequence[Union[str, Mapping[str, str]]], category: str = "other", icon: str = "🔌",
                 auth: Sequence[Mapping[str, Any]] = (), capabilities: Optional[Sequence[str]] = None, min_platform_version: str = "0.1.0",
                 rate_limits: Optional[Mapping[str, int]] = None, author: Optional[str] = None) -> None:
        self.id = id
        self.name = name
        self.vendor = vendor
        self.version = version
        self.description = description
        self.features = list(features)
        self.docs_url = docs_url
        self.config_schema = dict(config_schema)
        self.allowed_hosts = [h if isinstance(h, str) else dict(h) for h in allowed_hosts]
        self.category = category
        self.icon = icon
        self.auth = [dict(a) for a in auth]
        self.capabilities = list(capabilities) if capabilities is not None else None
        self.min_platform_version = min_platform_version
        self.rate_limits = dict(rate_limits) if rate_limits else None
        self.author = author
        self.streams: Dict[str, Stream] = {}
        self.actions: Dict[str, Action] = {}
        self.check_fn: Optional[CheckFn] = None
        self.discover_fn: Optional[DiscoverFn] = None

    def stream(self, name: str, *, map: MapFn, primary_key: str, ocsf_class: Optional[str] = None, ocsf_class_uid: Optional[int] = None,
               checkpoint_schema: Optional[dict] = None, initial_checkpoint: Optional[dict] = None, full_refresh: bool = False,
               permissions: Sequence[str] = (), schedule_minutes: Optional[int] = None, title: Optional[str] = None,
               description: Optional[str] = None) -> Callable[[FetchFn], FetchFn]:
        """Declares a stream whose records `fetch(ctx, checkpoint)` yields as Page objects."""
        def register(fetch: FetchFn) -> FetchFn:
            if name in self.streams:
                raise ValueError(f"stream {name!r} is declared twice")
            self.streams[name] = Stream(name, fetch, map=map, ocsf_class=ocsf_class, ocsf_class_uid=ocsf_class_uid, primary_key=primary_key,
                                        checkpoint_schema=checkpoint_schema, initial_checkpoint=initial_checkpoint, full_refresh=full_refresh,
                                        permissions=permissions, schedule_minutes=schedule_minutes, title=title, description=description)
            return fetch
        return register

    def action(self, name: str, *, title: str, description: str, read_only: bool, input_schema: Optional[dict] = None, output_schema: Optional[dict] = None,
               impact: str = "low", category: str = "generic", reverse: Optional[str] = None, permissions: Sequence[str] = ()) -> Callable[[ActionFn], ActionFn]:
        """Declares an action; `run(ctx, input)` returns its output object."""
        def register(run: ActionFn) -> ActionFn:
            if name in self.actions:
                raise ValueError(f"action {name!r} is declared twice")
            self.actions[name] = Action(name, run, title=title, description=description, input_schema=input_schema or OPEN_OBJECT,
                                        output_schema=output_schema or OPEN_OBJECT, read_only=read_only, impact=impact, category=category,
                                        reverse=reverse, permissions=permissions)
            return run
        return register

    def check(self, fn: CheckFn) -> CheckFn:
        """Registers the live "test connection" call: return details to show, or raise ConnectorError."""
        self.check_fn = fn
        return fn

    def discover(self, fn: DiscoverFn) -> DiscoverFn:
        """Registers which streams this instance can read (names, or {name, available, reason}); default: all."""
        self.discover_fn = fn
        return fn

    def derived_capabilities(self) -> List[str]:
        if self.capabilities is not None:
            return self.capabilities
        found = []
        if self.streams:
            found.append("ingest")
        if self.actions:
            found.append("actions")
        if any(a.category == "ticket" for a in self.actions.values()):
            found.append("ticket")
        return found

    def spec(self) -> dict:
        """The SPEC message's declaration (docs/connectors/PROTOCOL.md#spec)."""
        spec: dict = {
            "id": self.id, "name": self.name, "vendor": self.vendor, "category": self.category, "version": self.version,
            "description": self.description, "features": self.features, "icon": self.icon, "docs_url": self.docs_url,
            "min_platform_version": self.min_platform_version, "capabilities": self.derived_capabilities(), "config": self.config_schema,
            "auth": self.auth, "streams": [s.to_spec() for s in self.streams.values()], "actions": [a.to_spec() for a in self.actions.values()],
            "allowed_hosts": self.allowed_hosts, "test_connection": self.check_fn is not None,
        }
        if self.rate_limits:
            spec["rate_limits"] = self.rate_limits
        if self.author:
            spec["author"] = self.author
        return spec

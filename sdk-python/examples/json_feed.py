#!/usr/bin/env python3
"""JSON Feed: an example connector for a small JSON alerts API, as a process-protocol program.

    GET  {base_url}/alerts?after=<seq>&limit=<n>   first page, oldest change first
    GET  {base_url}/alerts?page_token=<token>      the following pages
    GET  {base_url}/account                        the account the token belongs to
    POST {base_url}/alerts/{id}/acknowledge        acknowledge an alert

Every alert carries `seq`, a change sequence number that grows whenever the alert is created or
changed, so `after` is an exact incremental cursor. Register it with
`POST /api/integration/connectors {"command": "python3", "args": ["/abs/path/json_feed.py"]}`.
"""

import os
import sys
from datetime import datetime

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from patchbay_sdk import Connector, ConnectorError, JsonHttpClient, Page, from_config, paginate, run  # noqa: E402

SEVERITY_IDS = {"informational": 1, "low": 2, "medium": 3, "high": 4, "critical": 5}
STATUS_IDS = {"new": 1, "in_progress": 2, "suppressed": 3, "resolved": 4}

feed = Connector(
    id="json-feed",
    name="JSON Feed",
    vendor="Example",
    version="1.0.0",
    description="Alerts from a JSON feed API as OCSF detection findings; acknowledges alerts.",
    features=["Alerts as OCSF detection findings", "Incremental by change sequence", "Acknowledge alerts"],
    docs_url="https://docs.example.com/json-feed",
    icon="📰",
    category="other",
    author="Patchbay examples",
    config_schema={
        "type": "object",
        "properties": {
            "base_url": {"type": "string", "format": "uri", "description": "The API root, e.g. https://feed.example.com/api/v1"},
            "page_size": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50, "description": "Alerts per request"},
        },
        "required": ["base_url"],
        "additionalProperties": False,
    },
    auth=[{"type": "bearer", "label": "API token", "fields": {"token": {"help": "Settings → API tokens in the feed's console"}}}],
    allowed_hosts=[from_config("base_url")],
)


def client(ctx):
    token = ctx.credentials.get("token")
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return JsonHttpClient(ctx.config["base_url"], headers=headers)


def epoch_ms(timestamp):
    return int(datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp() * 1000)


def map_alert(alert):
    """One alert as an OCSF detection finding (class 2004). Pure: same alert, same finding."""
    created, updated = epoch_ms(alert["created_at"]), epoch_ms(alert["updated_at"])
    finding = {
        "class_uid": 2004,
        "category_uid": 2,
        "type_uid": 200401,
        "activity_id": 1,
        "severity_id": SEVERITY_IDS[alert["severity"]],
        "status_id": STATUS_IDS.get(alert.get("status", "new"), 99),
        "time": updated,
        "message": alert["title"],
        "metadata": {"version": "1.9.0-dev", "uid": alert["id"], "modified_time": updated, "product": {"name": "JSON Feed", "vendor_name": "Example"}},
        "finding_info": {"uid": alert["id"], "title": alert["title"], "created_time": created, "modified_time": updated},
    }
    if alert.get("host"):
        finding["device"] = {"hostname": alert["host"], "type_id": 0}
    return finding


@feed.stream(
    "alerts",
    title="Alerts",
    map=map_alert,
    primary_key="id",
    ocsf_class="detection_finding",
    ocsf_class_uid=2004,
    checkpoint_schema={"type": "object", "properties": {"after": {"type": "integer", "minimum": 0}}, "required": ["after"], "additionalProperties": False},
    initial_checkpoint={"after": 0},
    permissions=["alerts:read"],
    schedule_minutes=15,
)
def read_alerts(ctx, checkpoint):
    api = client(ctx)
    after = (checkpoint or {}).get("after", 0)

    def fetch_page(token):
        try:
            params = {"page_token": token} if token else {"after": after, "limit": ctx.config.get("page_size", 50)}
            body = api.get("alerts", params).body
        except ConnectorError as error:
            if token and error.details.get("status") == 410:
                raise ConnectorError("PAGE_TOKEN_EXPIRED", "the feed's page token expired") from None
            raise
        if not isinstance(body, dict) or not isinstance(body.get("items"), list):
            raise ConnectorError("VENDOR_BAD_RESPONSE", "the alerts listing has no items list")
        return body["items"], body.get("next_page_token")

    for items, _next in paginate(fetch_page):
        if items:
            after = max(after, max(item["seq"] for item in items))
        yield Page(items, {"after": after})


@feed.check
def check(ctx):
    account = client(ctx).get("account").body
    return {"account": account.get("name")}


@feed.action(
    "acknowledge-alert",
    title="Acknowledge an alert",
    description="Marks an alert as seen in the feed.",
    read_only=False,
    category="correct",
    input_schema={"type": "object", "properties": {"id": {"type": "string", "minLength": 1}}, "required": ["id"], "additionalProperties": False},
    output_schema={"type": "object", "properties": {"id": {"type": "string"}, "acknowledged": {"type": "boolean"}}, "required": ["id", "acknowledged"]},
    permissions=["alerts:write"],
)
def acknowledge(ctx, payload):
    answer = client(ctx).post(f"alerts/{payload['id']}/acknowledge").body
    ctx.log.info("acknowledged an alert", alert=payload["id"])
    return {"id": payload["id"], "acknowledged": bool(answer.get("acknowledged"))}


if __name__ == "__main__":
    sys.exit(run(feed))

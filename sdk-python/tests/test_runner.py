import unittest

from helpers import request, run_in_process

from patchbay_sdk import Connector, ConnectorError, Page, from_config


def make_connector():
    connector = Connector(id="unit-test", name="Unit Test", vendor="Tests", version="1.2.3", description="A connector for the runner tests.",
                          features=["Tests"], docs_url="https://docs.example.com/unit", config_schema={"type": "object", "properties": {"base_url": {"type": "string"}}},
                          allowed_hosts=[from_config("base_url")], auth=[{"type": "bearer"}])

    def map_item(item):
        if item.get("broken"):
            raise KeyError("title")
        return {"class_uid": 2004, "finding_info": {"uid": item["id"]}}

    @connector.stream("items", map=map_item, primary_key="id", ocsf_class_uid=2004, initial_checkpoint={"offset": 0})
    def items(ctx, checkpoint):
        offset = (checkpoint or {}).get("offset", 0)
        total = ctx.config.get("total", 3)
        print("a stray print must not reach stdout")
        while offset < total:
            batch = [{"id": f"i-{n}", "broken": n == ctx.config.get("broken")} for n in range(offset + 1, min(offset + 2, total) + 1)]
            offset += len(batch)
            yield Page(batch, {"offset": offset})

    @connector.action("echo-input", title="Echo", description="Answers with its input.", read_only=True)
    def echo(ctx, payload):
        ctx.log.info("echoing", size=len(payload))
        return {"input": payload, "token_set": "token" in ctx.credentials}

    @connector.check
    def check(ctx):
        if ctx.credentials.get("token") != "good":
            raise ConnectorError("VENDOR_AUTH_FAILED", "bad token")
        return {"account": "unit"}

    return connector


class RunnerTest(unittest.TestCase):
    def test_spec_declares_streams_actions_and_derived_capabilities(self):
        code, out, _ = run_in_process(make_connector(), "spec")
        self.assertEqual(code, 0)
        spec = out[0]["spec"]
        self.assertEqual(out[0]["type"], "SPEC")
        self.assertEqual(spec["capabilities"], ["ingest", "actions"])
        self.assertEqual(spec["streams"][0], {"name": "items", "ocsf": {"class_uid": 2004}, "primary_key": "id", "full_refresh": False, "permissions": []})
        self.assertEqual(spec["actions"][0]["input"], {"type": "object"})
        self.assertTrue(spec["test_connection"])
        self.assertEqual(spec["allowed_hosts"], [{"from_config": "base_url"}])

    def test_read_sends_records_then_a_state_per_page_and_resumes(self):
        code, out, stderr = run_in_process(make_connector(), "read", request(stream="items", config={"total": 3}, checkpoint=None))
        self.assertEqual(code, 0)
        self.assertEqual([m["type"] for m in out], ["RECORD", "RECORD", "STATE", "RECORD", "STATE"])
        self.assertEqual(out[2], {"type": "STATE", "stream": "items", "checkpoint": {"offset": 2}})
        self.assertEqual(out[0]["ocsf"], {"class_uid": 2004, "finding_info": {"uid": "i-1"}})
        self.assertIn("stray print", stderr)
        _, resumed, _ = run_in_process(make_connector(), "read", request(stream="items", config={"total": 3}, checkpoint={"offset": 2}))
        self.assertEqual([m.get("record", {}).get("id") for m in resumed if m["type"] == "RECORD"], ["i-3"])

    def test_read_with_nothing_new_still_ends_with_a_state(self):
        _, out, _ = run_in_process(make_connector(), "read", request(stream="items", config={"total": 0}, checkpoint=None))
        self.assertEqual(out, [{"type": "STATE", "stream": "items", "checkpoint": {"offset": 0}}])
        _, kept, _ = run_in_process(make_connector(), "read", request(stream="items", config={"total": 3}, checkpoint={"offset": 3}))
        self.assertEqual(kept, [{"type": "STATE", "stream": "items", "checkpoint": {"offset": 3}}])

    def test_a_record_the_mapper_fails_on_is_sent_with_its_mapping_error(self):
        _, out, _ = run_in_process(make_connector(), "read", request(stream="items", config={"total": 2, "broken": 2}, checkpoint=None))
        self.assertEqual(out[1]["mapping_error"], "KeyError: 'title'")
        self.assertNotIn("ocsf", out[1])

    def test_map_answers_one_record_per_input(self):
        _, out, _ = run_in_process(make_connector(), "map", request(stream="items", records=[{"id": "x"}, {"id": "y"}]))
        self.assertEqual([m["ocsf"]["finding_info"]["uid"] for m in out], ["x", "y"])

    def test_invoke_check_and_discover(self):
        _, out, _ = run_in_process(make_connector(), "invoke", request(action="echo-input", input={"q": 1}, credentials={"type": "bearer", "values": {"token": "t"}}))
        self.assertEqual(out[0]["type"], "LOG")
        self.assertEqual(out[1], {"type": "RESULT", "output": {"input": {"q": 1}, "token_set": True}})
        _, ok, _ = run_in_process(make_connector(), "check", request(config={}, credentials={"type": "bearer", "values": {"token": "good"}}))
        self.assertEqual(ok, [{"type": "CHECK", "ok": True, "details": {"account": "unit"}}])
        code, failed, _ = run_in_process(make_connector(), "check", request(config={}, credentials=None))
        self.assertEqual((code, failed), (1, [{"type": "ERROR", "code": "VENDOR_AUTH_FAILED", "message": "bad token"}]))
        _, found, _ = run_in_process(make_connector(), "discover", request(config={}))
        self.assertEqual(found, [{"type": "CATALOG", "streams": [{"name": "items", "available": True}]}])

    def test_bad_usage_wrong_protocol_and_crashes(self):
        code, out, stderr = run_in_process(make_connector(), "explode")
        self.assertEqual((code, out), (2, []))
        self.assertIn("usage:", stderr)
        code, out, _ = run_in_process(make_connector(), "read", {"protocol": "patchbay-process/0"})
        self.assertEqual((code, out[0]["code"]), (1, "PROCESS_PROTOCOL_ERROR"))
        code, out, stderr = run_in_process(make_connector(), "read", request(stream="items", config={"total": "three"}, checkpoint=None))
        self.assertEqual((code, out[-1]["type"], out[-1]["code"]), (1, "ERROR", "PROCESS_FAILED"))
        self.assertIn("TypeError", out[-1]["message"])
        self.assertIn("Traceback", stderr)
        code, out, _ = run_in_process(make_connector(), "read", request(stream="nope", config={}, checkpoint=None))
        self.assertEqual((code, out[0]["code"]), (1, "CONFIG_INVALID"))


if __name__ == "__main__":
    unittest.main()

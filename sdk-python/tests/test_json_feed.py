import unittest

from helpers import request, run_example

from json_feed_simulator import JsonFeed, serve


class JsonFeedExampleTest(unittest.TestCase):
    """The example program run as the engine runs it: a subprocess, request on stdin, JSON lines out."""

    def setUp(self):
        self.feed = JsonFeed("feed-token", page_size=3)
        self.feed.seed(5)
        self.server = serve(self.feed)
        self.config = {"base_url": f"http://127.0.0.1:{self.server.server_port}/api/v1", "page_size": 2}
        self.credentials = {"type": "bearer", "values": {"token": "feed-token"}}

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def read(self, checkpoint=None, credentials=None):
        return run_example("read", request(stream="alerts", config=self.config, credentials=credentials or self.credentials, checkpoint=checkpoint))

    def test_spec_is_a_declaration(self):
        code, out, _ = run_example("spec", {})
        spec = out[0]["spec"]
        self.assertEqual((code, spec["id"], spec["streams"][0]["ocsf"]), (0, "json-feed", {"class": "detection_finding", "class_uid": 2004}))
        self.assertEqual(spec["auth"][0]["type"], "bearer")
        self.assertEqual([a["name"] for a in spec["actions"]], ["acknowledge-alert"])

    def test_reads_pages_with_a_state_after_each_and_resumes_from_the_checkpoint(self):
        code, out, _ = self.read()
        self.assertEqual(code, 0)
        self.assertEqual([m["type"][0] for m in out], list("RRSRRSRS"))
        self.assertEqual([m["checkpoint"] for m in out if m["type"] == "STATE"], [{"after": 2}, {"after": 4}, {"after": 5}])
        first = out[0]
        self.assertEqual(first["record"]["id"], "alert-0001")
        self.assertEqual(first["ocsf"]["finding_info"], {"uid": "alert-0001", "title": "Alert 1", "created_time": first["ocsf"]["time"], "modified_time": first["ocsf"]["time"]})
        self.assertEqual(first["ocsf"]["severity_id"], 3)
        _, resumed, _ = self.read({"after": 4})
        self.assertEqual([m["record"]["id"] for m in resumed if m["type"] == "RECORD"], ["alert-0005"])
        _, idle, _ = self.read({"after": 5})
        self.assertEqual(idle, [{"type": "STATE", "stream": "alerts", "checkpoint": {"after": 5}}])
        self.assertEqual(self.feed.requests[-1]["query"], {"after": "5", "limit": "2"})

    def test_reports_vendor_failures_with_their_codes(self):
        self.feed.inject("expire-page-token")
        code, out, _ = self.read()
        self.assertEqual((code, [m["type"] for m in out][-1], out[-1]["code"]), (1, "ERROR", "PAGE_TOKEN_EXPIRED"))
        self.assertEqual(out[-2], {"type": "STATE", "stream": "alerts", "checkpoint": {"after": 2}})
        code, out, _ = self.read(credentials={"type": "bearer", "values": {"token": "stolen"}})
        self.assertEqual((code, out[-1]["code"]), (1, "VENDOR_AUTH_FAILED"))
        self.assertNotIn("stolen", out[-1]["message"])

    def test_check_invoke_and_map(self):
        _, out, _ = run_example("check", request(config=self.config, credentials=self.credentials))
        self.assertEqual(out, [{"type": "CHECK", "ok": True, "details": {"account": "Example tenant"}}])
        _, out, _ = run_example("invoke", request(config=self.config, credentials=self.credentials, action="acknowledge-alert", input={"id": "alert-0003"}))
        self.assertEqual(out[-1], {"type": "RESULT", "output": {"id": "alert-0003", "acknowledged": True}})
        self.assertEqual(self.feed.acknowledged, ["alert-0003"])
        alert = self.feed.alerts[0]
        _, out, _ = run_example("map", request(stream="alerts", records=[alert]))
        self.assertEqual(out[0]["ocsf"]["metadata"]["uid"], "alert-0001")


if __name__ == "__main__":
    unittest.main()

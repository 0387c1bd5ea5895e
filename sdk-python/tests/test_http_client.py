import unittest

from helpers import ROOT  # noqa: F401  (puts the package on the path)

from json_feed_simulator import JsonFeed, serve
from patchbay_sdk import ConnectorError, JsonHttpClient


class HttpClientTest(unittest.TestCase):
    def setUp(self):
        self.feed = JsonFeed("tok")
        self.feed.seed(2)
        self.server = serve(self.feed)
        self.waits = []
        base = f"http://127.0.0.1:{self.server.server_port}/api/v1"
        self.client = JsonHttpClient(base, headers={"Authorization": "Bearer tok"}, sleep=self.waits.append)

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def test_reads_json(self):
        body = self.client.get("alerts", {"after": 0, "limit": 1}).body
        self.assertEqual([a["id"] for a in body["items"]], ["alert-0001"])

    def test_retries_after_429_and_503_as_told(self):
        self.feed.inject("rate-limit")
        self.feed.inject("server-error")
        self.assertEqual(self.client.get("account").body["name"], "Example tenant")
        self.assertEqual(self.waits, [2.0, 1.0])

    def test_maps_failures_to_error_codes(self):
        cases = [
            (JsonHttpClient(self.client.base_url, headers={"Authorization": "Bearer wrong"}), "account", "VENDOR_AUTH_FAILED"),
            (self.client, "nowhere", "VENDOR_REQUEST_REJECTED"),
        ]
        for client, path, code in cases:
            with self.assertRaises(ConnectorError) as caught:
                client.get(path)
            self.assertEqual(caught.exception.code, code)
        self.feed.inject("malformed-json")
        with self.assertRaises(ConnectorError) as caught:
            self.client.get("alerts")
        self.assertEqual(caught.exception.code, "VENDOR_BAD_RESPONSE")
        for _ in range(3):
            self.feed.inject("server-error")
        with self.assertRaises(ConnectorError) as caught:
            self.client.get("account")
        self.assertEqual((caught.exception.code, caught.exception.retryable, caught.exception.details), ("VENDOR_UNAVAILABLE", True, {"status": 503}))

    def test_unreachable_host(self):
        self.server.shutdown()
        self.server.server_close()
        client = JsonHttpClient(self.client.base_url, retries=0)
        with self.assertRaises(ConnectorError) as caught:
            client.get("account")
        self.assertEqual(caught.exception.code, "VENDOR_UNAVAILABLE")
        self.server = serve(self.feed)


if __name__ == "__main__":
    unittest.main()

import io
import json
import unittest

import helpers  # noqa: F401  (puts the package on the path)

from patchbay_sdk import ConnectorError, Credentials, MessageWriter, Page, paginate


class ProtocolTest(unittest.TestCase):
    def test_messages_are_single_json_lines(self):
        out = io.BytesIO()
        writer = MessageWriter(out)
        writer.record("alerts", {"id": "a\nb", "name": "é"}, ocsf={"class_uid": 2004})
        writer.state("alerts", {"after": 3})
        writer.log("warn", "careful", {"n": 1})
        lines = out.getvalue().decode("utf-8").split("\n")
        self.assertEqual(lines[-1], "")
        self.assertEqual([json.loads(line)["type"] for line in lines[:-1]], ["RECORD", "STATE", "LOG"])
        self.assertEqual(json.loads(lines[0])["record"]["name"], "é")
        with self.assertRaises(ValueError):
            writer.log("loud", "nope")
        with self.assertRaises(ValueError):
            writer.state("alerts", {"x": float("nan")})

    def test_errors_carry_their_code_and_retry_decision(self):
        error = ConnectorError("VENDOR_RATE_LIMITED", "slow down", retryable=True, retry_after_ms=2000, details={"status": 429})
        self.assertEqual(error.to_message(), {"type": "ERROR", "code": "VENDOR_RATE_LIMITED", "message": "slow down", "retryable": True, "retry_after_ms": 2000, "details": {"status": 429}})

    def test_credentials_never_print_their_values(self):
        credentials = Credentials({"type": "bearer", "values": {"token": "s3cret-value"}})
        self.assertEqual(credentials.get("token"), "s3cret-value")
        self.assertNotIn("s3cret-value", repr(credentials))
        self.assertNotIn("s3cret-value", str(credentials))
        self.assertFalse(Credentials(None))

    def test_paginate_follows_tokens_through_empty_pages(self):
        pages = {None: ([1, 2], "a"), "a": ([], "b"), "b": ([3], None)}
        self.assertEqual(list(paginate(lambda token: pages[token])), [([1, 2], "a"), ([], "b"), ([3], None)])
        self.assertEqual(repr(Page([{"id": 1}], {"after": 1})), "Page(records=1, checkpoint={'after': 1})")


if __name__ == "__main__":
    unittest.main()

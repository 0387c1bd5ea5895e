import { createHmac, timingSafeEqual } from 'node:crypto';
import { issueWebhook } from '../webhook/issue-webhook.ts';

/**
 * Test helper: checks a delivery the way the connector's declaration tells the engine to (the engine holds
 * the secret and verifies; a connector never does): the HMAC-SHA256 of the raw body in the declared
 * encoding, after the declared prefix, in the declared header.
 */
export function verifiesAsDeclared(headers: Readonly<Record<string, string | string[] | undefined>>, body: string, secret: string): boolean {
  const v = issueWebhook.verification;
  if (v.kind !== 'hmac-sha256') return false;
  const header = headers[v.header.toLowerCase()];
  const given = (Array.isArray(header) ? header[0] : header) ?? '';
  const expected = `${v.prefix ?? ''}${createHmac('sha256', secret).update(body).digest(v.encoding)}`;
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

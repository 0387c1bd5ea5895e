import { isUtf8 } from 'node:buffer';

/**
 * The body as the `inbound_webhooks.body` text column takes it. Valid UTF-8 without NUL goes as the raw
 * bytes (PostgreSQL reads them as text: no re-encoding of a body already decoded once). Anything else
 * goes as the decoded text with U+FFFD for what text cannot hold (invalid UTF-8, NUL), so that one odd
 * body cannot fail the group-commit statement it shares with other calls.
 */
export function storableBody(raw: Buffer, text: string): Buffer | string {
  if (raw.indexOf(0) === -1 && isUtf8(raw)) return raw;
  return text.replaceAll('\0', '\uFFFD');
}

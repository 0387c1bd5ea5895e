import { PatchbayError } from '@patchbay/types';
import type { HttpRequest } from './types.ts';

const JSON_TYPE = /[/+]json\b/i;

export function isJsonType(contentType: string | null): boolean {
  return contentType !== null && JSON_TYPE.test(contentType);
}

export function bytesToText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/**
 * `bytes` gives the bytes, `text` the text. `json` (the default) parses when the content type says
 * JSON (an empty body is `undefined`) and otherwise gives the text, or `undefined` when it is empty.
 */
export function parseBody(
  bytes: Uint8Array,
  contentType: string | null,
  responseType: HttpRequest['responseType'],
  what: string,
): unknown {
  if (responseType === 'bytes') return bytes;
  const text = bytesToText(bytes);
  if (responseType === 'text') return text;
  if (text.length === 0) return undefined;
  if (!isJsonType(contentType)) return text;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PatchbayError('VENDOR_BAD_RESPONSE', {
      message: `The vendor answered ${what} with malformed JSON`,
      hint: 'The vendor API may be failing or a proxy may be answering in its place; try again, then check the base URL.',
      details: { contentType, bytes: bytes.byteLength },
      cause: error,
    });
  }
}

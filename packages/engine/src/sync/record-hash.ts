import { canonicalJson } from '../lib/canonical-json.ts';
import { sha256Hex } from '../lib/hash.ts';

/** Content hash of a normalised record: equal data gives an equal hash whatever the key order. */
export function contentHash(data: unknown): string {
  return sha256Hex(canonicalJson(data));
}

/** Hash and size of the raw vendor payload, for provenance. */
export function rawDigest(raw: unknown): { hash: string; size: number; text: string } {
  const text = JSON.stringify(raw) ?? 'null';
  return { hash: sha256Hex(text), size: Buffer.byteLength(text), text };
}

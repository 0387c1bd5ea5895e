import { createHash } from 'node:crypto';

/** correlation_id is a string of 100 characters on the task table. */
const MAX_LENGTH = 100;
/** Characters that are safe inside an encoded query value (no ^, =, spaces or commas). */
const SAFE = /^[A-Za-z0-9._:/@-]+$/;

/**
 * The incident's correlation_id for a ticket's dedup key: the key itself when it fits and is safe in an
 * encoded query (`correlation_id=<key>`), else `patchbay-sha256:` and the key's SHA-256 in hex (the same
 * key always gives the same id, so the lookup still finds the incident).
 */
export function correlationIdOf(dedupKey: string): string {
  if (dedupKey.length <= MAX_LENGTH && SAFE.test(dedupKey)) return dedupKey;
  return `patchbay-sha256:${createHash('sha256').update(dedupKey, 'utf8').digest('hex')}`;
}

/** correlation_display on incidents Patchbay opens: filter the incidents stream on it to follow only those. */
export const CORRELATION_DISPLAY = 'Patchbay';

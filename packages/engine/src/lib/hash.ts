import { createHash, hash } from 'node:crypto';

export function sha256Hex(text: string | Uint8Array): string {
  // One-shot hashing (Node 21.7+) skips the Hash object: noticeably faster for the small inputs of records.
  return typeof text === 'string' ? hash('sha256', text, 'hex') : createHash('sha256').update(text).digest('hex');
}

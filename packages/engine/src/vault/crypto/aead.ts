import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { PatchbayError } from '@patchbay/types';

/** Format version byte: lets a future cipher or layout coexist with this one. */
const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/**
 * AES-256-GCM with a random 96-bit nonce per message; the associated data (a record id and purpose) is
 * authenticated but not stored, so a ciphertext moved to another record fails to open.
 * Output: base64(version ‖ nonce ‖ ciphertext ‖ tag).
 */
export function seal(key: Buffer, plaintext: Buffer, associatedData: string): string {
  if (key.length !== KEY_BYTES) throw new Error('AES-256-GCM needs a 32-byte key');
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), nonce, body, cipher.getAuthTag()]).toString('base64');
}

/** The reverse of `seal`; any change to the ciphertext, the key or the associated data is VAULT_DECRYPT_FAILED. */
export function open(key: Buffer, sealed: string, associatedData: string): Buffer {
  const raw = Buffer.from(sealed, 'base64');
  if (raw.length < 1 + NONCE_BYTES + TAG_BYTES || raw[0] !== VERSION) throw decryptFailed('the ciphertext is malformed or of an unknown version');
  const nonce = raw.subarray(1, 1 + NONCE_BYTES);
  const tag = raw.subarray(raw.length - TAG_BYTES);
  const body = raw.subarray(1 + NONCE_BYTES, raw.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw decryptFailed('the authentication tag does not match (ciphertext, key or associated data changed)');
  }
}

export function decryptFailed(reason: string, details?: Record<string, unknown>): PatchbayError {
  return new PatchbayError('VAULT_DECRYPT_FAILED', { message: `Decryption failed: ${reason}`, details: { reason, ...details } });
}

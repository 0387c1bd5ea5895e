import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../lib/hash.ts';

/** `pbt_` + 43 base64url characters (256 random bits). High entropy, so a plain SHA-256 is the right hash. */
export const TOKEN_PREFIX = 'pbt_';

export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return sha256Hex(token);
}

/** What lists and logs show of a token: enough to recognise it, too little to use it. */
export function displayPrefix(token: string): string {
  return token.slice(0, 12);
}

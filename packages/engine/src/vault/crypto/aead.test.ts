import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open, seal } from './aead.ts';

const key = randomBytes(32);
const plaintext = Buffer.from('{"client_secret":"s3cr3t"}');

function flipByte(sealed: string, index: number): string {
  const raw = Buffer.from(sealed, 'base64');
  raw[index] = raw[index]! ^ 0x01;
  return raw.toString('base64');
}

describe('AES-256-GCM envelope', () => {
  it('round-trips with the same associated data, and never repeats a ciphertext', () => {
    const a = seal(key, plaintext, 'auth_config:1');
    const b = seal(key, plaintext, 'auth_config:1');
    expect(a).not.toBe(b);
    expect(open(key, a, 'auth_config:1').toString()).toBe(plaintext.toString());
    expect(Buffer.from(a, 'base64').includes(plaintext)).toBe(false);
  });

  it('refuses a modified ciphertext, nonce or tag with a clear error', () => {
    const sealed = seal(key, plaintext, 'auth_config:1');
    const length = Buffer.from(sealed, 'base64').length;
    for (const index of [3, 20, length - 1]) {
      expect(() => open(key, flipByte(sealed, index), 'auth_config:1')).toThrow(expect.objectContaining({ code: 'VAULT_DECRYPT_FAILED', message: expect.stringMatching(/authentication tag/) }));
    }
  });

  it('refuses other associated data (a ciphertext moved to another record) and another key', () => {
    const sealed = seal(key, plaintext, 'auth_config:1');
    expect(() => open(key, sealed, 'auth_config:2')).toThrow(expect.objectContaining({ code: 'VAULT_DECRYPT_FAILED' }));
    expect(() => open(randomBytes(32), sealed, 'auth_config:1')).toThrow(expect.objectContaining({ code: 'VAULT_DECRYPT_FAILED' }));
  });

  it('refuses a truncated or unknown-version ciphertext', () => {
    expect(() => open(key, 'AAAA', 'x')).toThrow(/malformed/);
    const sealed = Buffer.from(seal(key, plaintext, 'x'), 'base64');
    sealed[0] = 9;
    expect(() => open(key, sealed.toString('base64'), 'x')).toThrow(/unknown version/);
  });
});

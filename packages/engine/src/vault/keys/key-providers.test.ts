import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '@patchbay/types';
import { KEYRING_FILE, fileKeyProvider } from './file-key-provider.ts';
import { kekIdOf } from './key-provider.ts';
import { envKeyProvider, staticKeyProvider } from './static-key-provider.ts';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => (dir = mkdtempSync(join(tmpdir(), 'patchbay-kp-')));

describe('key providers', () => {
  it('the keyring file is created once, mode 0600, and holds the same key on reopen', async () => {
    fresh();
    const a = fileKeyProvider(dir);
    expect(statSync(join(dir, KEYRING_FILE)).mode & 0o777).toBe(0o600);
    const wrapped = await a.wrap(a.activeKekId(), randomBytes(32), 'aad');
    const b = fileKeyProvider(dir);
    expect(b.activeKekId()).toBe(a.activeKekId());
    expect((await b.unwrap(a.activeKekId(), wrapped, 'aad')).length).toBe(32);
    await expect(b.unwrap(a.activeKekId(), wrapped, 'other')).rejects.toMatchObject({ code: 'VAULT_DECRYPT_FAILED' });
  });

  it('a new key becomes active; another process on the folder finds it on a miss; a retired key is destroyed', async () => {
    fresh();
    const a = fileKeyProvider(dir);
    const b = fileKeyProvider(dir);
    const first = a.activeKekId();
    const second = await a.createKey!();
    expect(a.activeKekId()).toBe(second);
    expect(await b.has(second)).toBe(true);
    await expect(a.destroyKey!(second)).rejects.toMatchObject({ code: 'KEY_IN_USE' });
    await a.destroyKey!(first);
    expect(Object.keys(JSON.parse(readFileSync(join(dir, KEYRING_FILE), 'utf8')).keys)).toEqual([second]);
    await expect(a.wrap(first, randomBytes(32), 'x')).rejects.toMatchObject({ code: 'VAULT_KEY_UNAVAILABLE' });
  });

  it('env keys: ids derive from the key, so moving a key between providers needs no re-wrap', async () => {
    const key = randomBytes(32);
    const previous = randomBytes(32);
    const env = envKeyProvider(new Secret(key.toString('base64')), new Secret(` ${previous.toString('base64')} ,`));
    expect(env.activeKekId()).toBe(kekIdOf(key));
    expect(await env.has(kekIdOf(previous))).toBe(true);
    expect(env.createKey).toBeUndefined();
    expect(await env.checkValue(kekIdOf(key))).toMatch(/^[0-9a-f]{64}$/);
    expect(() => envKeyProvider(new Secret('c2hvcnQ='))).toThrow(/32 bytes/);
    expect(() => staticKeyProvider({ active: randomBytes(16) })).toThrow(/32 bytes/);
  });
});

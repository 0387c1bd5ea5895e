import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreparedRequest } from '@patchbay/sdk';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { dumpDatabase, encodingsOf } from '../testing/dump-database.ts';
import { createVaultFixture, type VaultFixture } from '../testing/vault-fixture.ts';
import { KEYRING_FILE, fileKeyProvider } from './file-key-provider.ts';
import type { KeyProvider } from './key-provider.ts';
import { staticKeyProvider } from './static-key-provider.ts';

/** Records every data key the provider wraps (to prove none reaches the database) and can fail on demand. */
function instrumented(inner: KeyProvider) {
  const wrapped: Buffer[] = [];
  /** Wraps under any KEK but `oldKek` fail once `failAfter` of them succeeded (a crash mid-rotation). */
  const control = { oldKek: '', failAfter: Infinity };
  const provider: KeyProvider = {
    ...inner,
    async wrap(kekId, dataKey, aad) {
      wrapped.push(Buffer.from(dataKey));
      if (control.oldKek && kekId !== control.oldKek && control.failAfter-- <= 0) throw new Error('simulated crash during re-wrap');
      return inner.wrap(kekId, dataKey, aad);
    },
  };
  return { provider, wrapped, control };
}

async function secretOf(f: VaultFixture, id: string): Promise<string> {
  const applier = await f.engine.vault.authApplierFor(f.actor, id, { operation: 'sync' });
  const request: PreparedRequest = { method: 'GET', url: new URL('https://vendor.example/x'), headers: {}, body: undefined };
  await applier.apply(request);
  return request.headers['x-api-key']!;
}

async function createKeys(f: VaultFixture, prefix: string, n: number): Promise<Map<string, string>> {
  const secrets = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const secret = `${prefix}-${i}-${randomBytes(12).toString('hex')}`;
    const { id } = await f.engine.vault.configs.create(f.actor, { name: `${prefix}-${i}`, authType: 'api_key', credentials: { api_key: secret, header_name: 'X-Api-Key' } });
    secrets.set(id, secret);
  }
  return secrets;
}

const kekOfDataKeys = async (f: VaultFixture) => (await f.db.database.query<{ kek_id: string }>(`select distinct kek_id from vault_data_keys`)).map((r) => r.kek_id);

describe.each(testDatabaseKinds())('online KEK rotation on %s', (kind) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-keyring-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rotates while decryptions run; every credential still decrypts; the old KEK is retired; no plaintext or data key in a dump', async () => {
    const folder = mkdtempSync(join(dir, 'load-'));
    const spy = instrumented(fileKeyProvider(folder));
    const f = await createVaultFixture(kind, { keys: spy.provider });
    try {
      const secrets = await createKeys(f, 'canary-rotate', 30);
      const oldKek = spy.provider.activeKekId();
      let stop = false;
      let decrypted = 0;
      const ids = [...secrets.keys()];
      const load = Array.from({ length: 4 }, async (_, w) => {
        for (let i = w; !stop; i++) {
          const id = ids[i % ids.length]!;
          expect(await secretOf(f, id)).toBe(secrets.get(id));
          decrypted++;
        }
      });
      const result = await f.engine.vault.keys.rotate(f.actor, { batchSize: 5 });
      stop = true;
      await Promise.all(load);
      expect(decrypted).toBeGreaterThan(0);
      expect(result).toMatchObject({ started: true, rewrapped: 30, retired: [oldKek] });
      expect(result.activeKekId).not.toBe(oldKek);
      expect(await kekOfDataKeys(f)).toEqual([result.activeKekId]);
      const keks = await f.engine.vault.keys.list();
      expect(keks.find((k) => k.id === oldKek)).toMatchObject({ state: 'retired', dataKeys: 0 });
      expect(JSON.parse(readFileSync(join(folder, KEYRING_FILE), 'utf8')).keys[oldKek]).toBeUndefined();

      const restarted = await f.reopen({ keys: fileKeyProvider(folder) });
      for (const [id, secret] of secrets) {
        const applier = await restarted.vault.authApplierFor(f.actor, id, { operation: 'sync' });
        const request: PreparedRequest = { method: 'GET', url: new URL('https://vendor.example/x'), headers: {}, body: undefined };
        await applier.apply(request);
        expect(request.headers['x-api-key']).toBe(secret);
      }
      const dump = await dumpDatabase(f.db.database, f.db.url);
      for (const secret of secrets.values()) expect(dump.includes(secret)).toBe(false);
      for (const key of spy.wrapped) for (const encoded of encodingsOf(key)) expect(dump.includes(encoded)).toBe(false);
      const audit = await f.engine.audit.read({ organizationId: f.actor.organizationId, limit: 200 });
      expect(audit.items.map((r) => r.action)).toEqual(expect.arrayContaining(['vault.key_rotated', 'vault.key_retired']));
    } finally {
      await f.close();
    }
  });

  it('an interrupted rotation resumes: through `rotate` again, or on the next start', async () => {
    const folder = mkdtempSync(join(dir, 'resume-'));
    const spy = instrumented(fileKeyProvider(folder));
    const f = await createVaultFixture(kind, { keys: spy.provider });
    try {
      const secrets = await createKeys(f, 'resume', 12);
      const oldKek = spy.provider.activeKekId();
      const keyring = () => JSON.parse(readFileSync(join(folder, KEYRING_FILE), 'utf8')) as { active: string };
      // The 5th re-wrap fails: the first batch of 4 commits, the second rolls back.
      Object.assign(spy.control, { oldKek, failAfter: 4 });
      const crash = f.engine.vault.keys.rotate(f.actor, { batchSize: 4 });
      await expect(crash).rejects.toThrow(/simulated crash/);
      const newKek = keyring().active;
      expect(newKek).not.toBe(oldKek);
      const byKek = await f.db.database.query<{ kek_id: string; n: number }>(`select kek_id, count(*)::int as n from vault_data_keys group by kek_id`);
      expect(Object.fromEntries(byKek.map((r) => [r.kek_id, r.n]))).toEqual({ [newKek]: 4, [oldKek]: 8 });
      for (const [id, secret] of secrets) expect(await secretOf(f, id)).toBe(secret);

      spy.control.oldKek = '';
      const resumed = await f.engine.vault.keys.rotate(f.actor);
      expect(resumed).toMatchObject({ started: false, activeKekId: newKek, rewrapped: 8, retired: [oldKek] });

      // A crash again, this time finished by the next start.
      Object.assign(spy.control, { oldKek: newKek, failAfter: 2 });
      await expect(f.engine.vault.keys.rotate(f.actor, { batchSize: 2 })).rejects.toThrow(/simulated crash/);
      const restarted = await f.reopen({ keys: fileKeyProvider(folder) });
      expect(await kekOfDataKeys(f)).toEqual([keyring().active]);
      expect((await restarted.vault.keys.list()).filter((k) => k.state === 'retiring').map((k) => k.dataKeys)).toEqual([0]);
    } finally {
      await f.close();
    }
  });

  it('with PATCHBAY_MASTER_KEY, rotation needs the new key supplied and the old one kept until it finishes', async () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    const f = await createVaultFixture(kind, { keys: staticKeyProvider({ active: a }) });
    try {
      const secrets = await createKeys(f, 'env', 3);
      await expect(f.engine.vault.keys.rotate(f.actor)).rejects.toMatchObject({ code: 'KEY_ROTATION_NO_NEW_KEY' });
      await expect(f.reopen({ keys: staticKeyProvider({ active: b }) })).rejects.toMatchObject({ code: 'VAULT_KEY_UNAVAILABLE', hint: expect.stringMatching(/PATCHBAY_PREVIOUS_MASTER_KEYS/) });
      const moving = await f.reopen({ keys: staticKeyProvider({ active: b, previous: [a] }) });
      for (const [id, secret] of secrets) {
        const applier = await moving.vault.authApplierFor(f.actor, id, { operation: 'sync' });
        const request: PreparedRequest = { method: 'GET', url: new URL('https://vendor.example/x'), headers: {}, body: undefined };
        await applier.apply(request);
        expect(request.headers['x-api-key']).toBe(secret);
      }
      expect(await moving.vault.keys.rotate(f.actor)).toMatchObject({ started: true, rewrapped: 3 });
      const onlyNew = await f.reopen({ keys: staticKeyProvider({ active: b }) });
      expect((await onlyNew.vault.keys.list()).map((k) => k.state).sort()).toEqual(['active', 'retired']);
    } finally {
      await f.close();
    }
  });

  it('refuses to retire a key that still wraps data keys, or the active one', async () => {
    const f = await createVaultFixture(kind);
    try {
      await createKeys(f, 'retire', 1);
      await expect(f.engine.vault.keys.retire(f.actor, f.keys.activeKekId())).rejects.toMatchObject({ code: 'KEY_IN_USE' });
      await expect(f.engine.vault.keys.retire(f.actor, 'kek_unknown')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await f.close();
    }
  });
});

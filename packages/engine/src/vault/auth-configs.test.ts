import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreparedRequest } from '@patchbay/sdk';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { dumpDatabase } from './testing/dump-database.ts';
import { createVaultFixture, type VaultFixture } from './testing/vault-fixture.ts';

const SECRET = 'canary-7f3a9c2e5b1d4a6f8e0c';

describe.each(testDatabaseKinds())('auth configs on %s', (kind) => {
  let f: VaultFixture;
  beforeAll(async () => {
    f = await createVaultFixture(kind);
  });
  afterAll(() => f.close());

  const apiKey = (name: string, secret = SECRET) => f.engine.vault.configs.create(f.actor, { name, authType: 'api_key', credentials: { api_key: secret, header_name: 'X-Api-Key' } });

  async function headerOf(id: string): Promise<string | undefined> {
    const applier = await f.engine.vault.authApplierFor(f.actor, id, { operation: 'sync' });
    const request: PreparedRequest = { method: 'GET', url: new URL('https://vendor.example/'), headers: {}, body: undefined };
    await applier.apply(request);
    return request.headers['x-api-key'];
  }

  it('names the field of every invalid input, never its value', async () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['kerberos', {}, 'body.auth_type', /unknown auth type/],
      ['basic', { username: 'u' }, 'body.credentials.password', /required/],
      ['basic', { username: 'u', password: SECRET, extra: 1 }, 'body.credentials.extra', /not a field/],
      ['api_key', { api_key: SECRET }, 'body.credentials.header_name', /exactly one/],
      ['bearer', { token: 42 }, 'body.credentials.token', /non-empty string/],
      ['oauth2_client_credentials', { client_id: 'c', client_secret: SECRET, token_url: 'ftp://idp.example/token' }, 'body.credentials.token_url', /https/],
      ['client_certificate', { certificate_pem: '-----BEGIN CERTIFICATE-----\nxx', private_key_pem: `-----BEGIN PRIVATE KEY-----\n${SECRET}` }, 'body.credentials.private_key_pem', /PEM private key/],
    ];
    for (const [authType, credentials, field, message] of cases) {
      const error = await f.engine.vault.configs.create(f.actor, { name: `bad-${authType}`, authType, credentials }).then(() => undefined, (e: unknown) => e as { field: string; message: string; code: string });
      expect(error, authType).toMatchObject({ field, message: expect.stringMatching(message) });
      expect(JSON.stringify(error) + String(error?.message)).not.toContain(SECRET);
    }
  });

  it('stores only ciphertext, shows masks and plain non-secret fields, audits without values', async () => {
    const row = await f.engine.vault.configs.create(f.actor, { name: 'siem', authType: 'oauth2_client_credentials', credentials: { client_id: 'client-1', client_secret: SECRET, token_url: 'https://idp.example/token', scopes: 'a b' }, expiration: new Date('2030-01-01T00:00:00Z') });
    expect(row.credentialSummary).toEqual({ client_id: 'client-1', client_secret: { set: true, masked: `••••${SECRET.slice(-4)}` }, token_url: 'https://idp.example/token', scopes: ['a', 'b'] });
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(Object.keys(row)).not.toContain('credentialsCiphertext');
    const dump = await dumpDatabase(f.db.database, f.db.url);
    expect(dump).toContain('client-1');
    expect(dump).not.toContain(SECRET);
    const audit = await f.engine.audit.read({ organizationId: f.actor.organizationId, targetId: row.id, limit: 10 });
    expect(audit.items[0]).toMatchObject({ action: 'auth_config.created', details: { fields: ['client_id', 'client_secret', 'token_url', 'scopes'] } });
  });

  it('updates merge credentials under a fresh data key and destroy the old one', async () => {
    const { id } = await f.engine.vault.configs.create(f.actor, { name: 'merge', authType: 'basic', credentials: { username: 'svc', password: 'old-password-123456' } });
    const [before] = await f.db.database.query<{ data_key_id: string }>(`select data_key_id from auth_configs where id = $1`, [id]);
    const updated = await f.engine.vault.configs.update(f.actor, id, { credentials: { password: 'new-password-654321' } });
    expect(updated.credentialSummary).toMatchObject({ username: 'svc', password: { set: true, masked: '••••4321' } });
    expect(updated.credentialsVersion).toBe(2);
    const [after] = await f.db.database.query<{ data_key_id: string }>(`select data_key_id from auth_configs where id = $1`, [id]);
    expect(after!.data_key_id).not.toBe(before!.data_key_id);
    expect(await f.db.database.query(`select 1 from vault_data_keys where id = $1`, [before!.data_key_id])).toEqual([]);
    const applier = await f.engine.vault.authApplierFor(f.actor, id, { operation: 'sync' });
    const request: PreparedRequest = { method: 'GET', url: new URL('https://vendor.example/'), headers: {}, body: undefined };
    await applier.apply(request);
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('svc:new-password-654321').toString('base64')}`);
    const audit = await f.engine.audit.read({ organizationId: f.actor.organizationId, targetId: id, limit: 10 });
    expect(audit.items[0]).toMatchObject({ action: 'auth_config.updated', details: { changed: ['credentials', 'credentials.password'] } });
  });

  it('refuses to delete a config in use; deleting destroys its data key (crypto-shredding)', async () => {
    const { id } = await apiKey('shred-me');
    const instance = await f.engine.instances.create(f.actor, { name: 'uses-shred', connectorId: 'vault-test', authConfigId: id });
    await expect(f.engine.vault.configs.remove(f.actor, id)).rejects.toMatchObject({ code: 'AUTH_CONFIG_IN_USE', message: expect.stringContaining('uses-shred') });
    await f.engine.instances.remove(f.actor, instance.id);
    const [row] = await f.db.database.query<{ data_key_id: string }>(`select data_key_id from auth_configs where id = $1`, [id]);
    await f.engine.vault.configs.remove(f.actor, id);
    expect(await f.db.database.query(`select 1 from vault_data_keys where id = $1`, [row!.data_key_id])).toEqual([]);
    await expect(f.engine.vault.configs.get(f.actor, id)).rejects.toMatchObject({ code: 'AUTH_CONFIG_NOT_FOUND' });
  });

  it('keeps organisations apart, down to the instance reference', async () => {
    const { id } = await apiKey('mine');
    const other = { ...f.actor, organizationId: (await f.engine.organizations.create({ ...f.actor, role: 'platform-admin' }, { slug: 'other', name: 'Other', adminEmail: 'a@other.example' })).organization.id };
    await expect(f.engine.vault.configs.get(other, id)).rejects.toMatchObject({ code: 'AUTH_CONFIG_NOT_FOUND' });
    await expect(f.engine.vault.authApplierFor(other, id, { operation: 'sync' })).rejects.toMatchObject({ code: 'AUTH_CONFIG_NOT_FOUND' });
    await expect(f.engine.instances.create(other, { name: 'steal', connectorId: 'vault-test', authConfigId: id })).rejects.toThrow();
  });

  it('a modified ciphertext, a swapped ciphertext or a modified wrapped key fails with a clear error and a security event', async () => {
    const a = await apiKey('tamper-a', 'tamper-secret-aaaaaaaa');
    const b = await apiKey('tamper-b', 'tamper-secret-bbbbbbbb');
    expect(await headerOf(a.id)).toBe('tamper-secret-aaaaaaaa');
    f.engine.vault.clearKeyCache();
    await f.db.database.query(`update auth_configs set credentials_ciphertext = (select credentials_ciphertext from auth_configs where id = $1) where id = $2`, [b.id, a.id]);
    await expect(headerOf(a.id)).rejects.toMatchObject({ code: 'VAULT_DECRYPT_FAILED', message: expect.stringMatching(/authentication tag/) });
    const [row] = await f.db.database.query<{ c: string; k: string }>(`select credentials_ciphertext as c, data_key_id as k from auth_configs where id = $1`, [b.id]);
    const flipped = Buffer.from(row!.c, 'base64');
    flipped[20] = flipped[20]! ^ 1;
    await f.db.database.query(`update auth_configs set credentials_ciphertext = $1 where id = $2`, [flipped.toString('base64'), b.id]);
    await expect(headerOf(b.id)).rejects.toMatchObject({ code: 'VAULT_DECRYPT_FAILED' });
    const c = await apiKey('tamper-c', 'tamper-secret-cccccccc');
    f.engine.vault.clearKeyCache();
    await f.db.database.query(`update vault_data_keys set wrapped_key = (select wrapped_key from vault_data_keys where id = $1) where id = (select data_key_id from auth_configs where id = $2)`, [row!.k, c.id]);
    await expect(headerOf(c.id)).rejects.toMatchObject({ code: 'VAULT_DECRYPT_FAILED' });
    const audit = await f.engine.audit.read({ organizationId: f.actor.organizationId, action: 'vault.decrypt_failed', limit: 10 });
    expect(audit.items.length).toBeGreaterThanOrEqual(2);
    expect(audit.items[0]).toMatchObject({ outcome: 'failure', details: { purpose: 'auth_config' } });
  });

  it('records each decryption for use: who, which instance, why, how often', async () => {
    const { id } = await apiKey('counted');
    for (let i = 0; i < 3; i++) await f.engine.vault.authApplierFor(f.actor, id, { operation: 'sync', instanceId: '11111111-1111-4111-8111-111111111111' });
    await f.engine.vault.authApplierFor(f.actor, id, { operation: 'test' });
    const usage = await f.engine.vault.usage(f.actor, id, {});
    expect(usage.items.map((u) => [u.operation, u.instanceKey, u.count, u.actorLabel])).toEqual(
      expect.arrayContaining([
        ['sync', '11111111-1111-4111-8111-111111111111', 3, 'admin@localhost'],
        ['test', '', 1, 'admin@localhost'],
      ]),
    );
    expect((await f.engine.vault.configs.get(f.actor, id)).lastUsed).not.toBeNull();
  });

  it('emits credential.expiring once, a configurable number of days ahead, re-armed by a new expiration', async () => {
    const soon = new Date(f.clock.now().getTime() + 10 * 86_400_000);
    const { id } = await f.engine.vault.configs.create(f.actor, { name: 'expiring', authType: 'bearer', credentials: { token: 'expiring-token-123456' }, expiration: soon });
    await f.engine.vault.configs.create(f.actor, { name: 'far', authType: 'bearer', credentials: { token: 'far-token-123456' }, expiration: new Date(f.clock.now().getTime() + 90 * 86_400_000) });
    expect(await f.engine.vault.checkExpiring()).toBe(1);
    expect(await f.engine.vault.checkExpiring()).toBe(0);
    const events = await f.db.database.query<{ data: Record<string, unknown> }>(`select data from outbox where type = 'credential.expiring'`);
    expect(events.map((e) => e.data)).toEqual([expect.objectContaining({ auth_config_id: id, days_left: 10, expired: false })]);
    await f.engine.vault.configs.update(f.actor, id, { expiration: new Date(soon.getTime() + 86_400_000) });
    expect(await f.engine.vault.checkExpiring()).toBe(1);
  });
});

import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineConnector, defineStream } from '@patchbay/sdk';
import { startLocalServer, type LocalServer } from '@patchbay/sdk/testing';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock } from '@patchbay/types';
import { createEngine } from '../create-engine.ts';
import { createLogger } from '../lib/logger.ts';
import type { Actor } from '../lib/actor.ts';
import { staticKeyProvider } from './keys/static-key-provider.ts';

/** A vendor whose token endpoint takes the client secret only in the form body (as CrowdStrike documents). */
async function startVendor(): Promise<LocalServer & { seen: string[] }> {
  const seen: string[] = [];
  const server = await startLocalServer((req, res) => {
    if (req.url === '/oauth2/token') {
      const form = new URLSearchParams(req.body);
      const how = req.headers.authorization?.startsWith('Basic ') ? 'basic' : form.get('client_secret') ? 'body' : 'none';
      seen.push(how);
      if (how !== 'body' || form.get('client_secret') !== 'falcon-secret-0123') {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_client"}');
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"access_token":"t-1","token_type":"bearer","expires_in":1799}');
      return;
    }
    const ok = req.headers.authorization === 'Bearer t-1';
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(ok ? '{"resources":[]}' : '{"errors":[{"code":401}]}');
  });
  return Object.assign(server, { seen });
}

const connector = (clientAuth: 'body' | undefined) =>
  defineConnector({
    id: 'form-secret-vendor',
    name: 'Form secret vendor',
    vendor: 'Patchbay tests',
    category: 'edr',
    version: '1.0.0',
    description: 'A vendor that wants the client secret in the form',
    features: ['tests'],
    icon: '🔑',
    docsUrl: 'https://example.invalid/form-secret',
    auth: [{ type: 'oauth2_client_credentials', tokenUrl: (config: { base_url: string }) => `${config.base_url}/oauth2/token`, ...(clientAuth ? { clientAuth } : {}) }],
    config: z.object({ base_url: z.url() }),
    capabilities: ['ingest'],
    streams: [
      defineStream({
        name: 'hosts',
        ocsf: { class: 'device_inventory_info', classUid: 5001 },
        primaryKey: 'id',
        checkpoint: z.object({}),
        fullRefresh: true,
        permissions: [],
        fetch: async function* () {
          yield { records: [] as { id: string }[], checkpoint: {} };
        },
        map: (raw: { id: string }) => ({ device: { uid: raw.id } }),
      }),
    ],
    allowedHosts: [{ fromConfig: 'base_url' }],
    minPlatformVersion: '0.1.0',
    validate: async (ctx) => {
      await ctx.http.get('/devices/queries/devices/v1');
      return { ok: true };
    },
  });

describe.each(testDatabaseKinds())("the connector's declared client authentication on %s", (kind) => {
  let db: TestDatabase | undefined;
  let vendor: Awaited<ReturnType<typeof startVendor>> | undefined;
  afterEach(async () => {
    await vendor?.close();
    await db?.close();
  });

  async function testWith(clientAuth: 'body' | undefined, oauthConfig?: { client_auth: 'basic' | 'post' }) {
    vendor = await startVendor();
    db = await createTestDatabase(kind);
    const engine = createEngine({ database: db.database, clock: new ManualClock(new Date()), log: createLogger({ level: 'silent' }), connectors: [connector(clientAuth)], vault: { keys: staticKeyProvider({ active: randomBytes(32) }), allowInsecureHttp: true } });
    const boot = await engine.start();
    const [user] = await db.database.query<{ id: string }>(`select id from users where email = 'admin@localhost'`);
    const actor: Actor = { type: 'user', organizationId: boot!.organizationId, role: 'admin', userId: user!.id, label: 'admin@localhost' };
    const { id: authConfigId } = await engine.vault.configs.create(actor, {
      name: 'falcon',
      authType: 'oauth2_client_credentials',
      credentials: { client_id: 'falcon', client_secret: 'falcon-secret-0123', token_url: `${vendor.url}/oauth2/token` },
      ...(oauthConfig ? { oauthConfig } : {}),
    });
    const instance = await engine.instances.create(actor, { name: 'falcon', connectorId: 'form-secret-vendor', configuration: { base_url: vendor.url }, allowPrivateNetwork: true, authConfigId });
    return engine.testConnection(actor, instance.id);
  }

  it('sends the secret in the form when the connector declares clientAuth body', async () => {
    const result = await testWith('body');
    expect(result).toMatchObject({ ok: true });
    expect(vendor!.seen).toEqual(['body']);
  });

  it('uses HTTP Basic by default, and the config can still choose', async () => {
    expect(await testWith(undefined)).toMatchObject({ ok: false });
    expect(vendor!.seen).toEqual(['basic']);
    await vendor!.close();
    await db!.close();
    expect(await testWith(undefined, { client_auth: 'post' })).toMatchObject({ ok: true });
    expect(vendor!.seen).toEqual(['body']);
  });
});

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { startOAuthServer, type TestOAuthServer } from '../testing/oauth-server.ts';
import { createVaultFixture, type VaultFixture } from '../testing/vault-fixture.ts';

const workerScript = fileURLToPath(new URL('../testing/token-worker.ts', import.meta.url));

interface WorkerResult {
  digests: string[];
  requests: number;
}

function startWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, [workerScript], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready\n')) resolve();
    });
    child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`worker exited with ${code}`))));
  });
  const result = new Promise<WorkerResult>((resolve, reject) => {
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.split('\n').filter(Boolean).at(-1)!) as WorkerResult) : reject(new Error(`worker exited with ${code}`))));
  });
  return { ready, result, go: () => child.stdin.end('go\n') };
}

// Several worker processes need a real PostgreSQL: PGlite is one process per data folder.
describe.skipIf(!testDatabaseKinds().includes('postgres'))('token refresh across two worker processes on PostgreSQL', () => {
  let as: TestOAuthServer;
  let f: VaultFixture;
  let env: Record<string, string>;

  beforeAll(async () => {
    as = await startOAuthServer();
    f = await createVaultFixture('postgres');
    await as.addClient({ client_id: 'workers', client_secret: 'secret-workers-0123456789', grant_types: ['client_credentials'], response_types: [], redirect_uris: [], token_endpoint_auth_method: 'client_secret_basic' });
    const { id } = await f.engine.vault.configs.create(f.actor, { name: 'shared', authType: 'oauth2_client_credentials', credentials: { client_id: 'workers', client_secret: 'secret-workers-0123456789', token_url: as.tokenUrl } });
    env = { DATABASE_URL: f.db.url!, MASTER_KEY: f.masterKey.toString('base64'), ORG_ID: f.actor.organizationId, CONFIG_ID: id, CALLS: '20' };
  });
  afterAll(async () => {
    await f.close();
    await as.close();
  });

  async function round(): Promise<WorkerResult[]> {
    const workers = [startWorker(env), startWorker(env)];
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.go();
    return Promise.all(workers.map((w) => w.result));
  }

  it('20 concurrent calls in each of two processes make one token request per expiry window', async () => {
    const before = as.counts.token;
    const first = await round();
    expect(as.counts.token - before).toBe(1);
    expect(first.map((r) => r.requests).sort()).toEqual([0, 1]);
    expect(new Set(first.flatMap((r) => r.digests)).size).toBe(1);

    // The next window: the shared token is about to expire.
    await f.db.database.query(`update oauth_tokens set obtained_at = now() - interval '59 minutes', expires_at = now() + interval '1 minute'`);
    const second = await round();
    expect(as.counts.token - before).toBe(2);
    expect(new Set(second.flatMap((r) => r.digests)).size).toBe(1);
    expect(second[0]!.digests).not.toEqual(first[0]!.digests);
  }, 30_000);
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, type PreparedRequest } from '@patchbay/sdk';
import { startLocalServer, type LocalServer } from '@patchbay/sdk/testing';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createVaultFixture, type VaultFixture } from './testing/vault-fixture.ts';

let dir: string;
const pem = (name: string) => readFileSync(join(dir, name), 'utf8');

/** A CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
function makeCertificates(): void {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=vault-test-ca');
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const who of ['server', 'client']) {
    run('req', ...ec, '-keyout', `${who}.key`, '-out', `${who}.csr`, '-subj', `/CN=vault-${who}`);
    run('x509', '-req', '-in', `${who}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${who}.crt`, '-days', '2', '-extfile', `${who}.ext`);
  }
}

const request = (url = 'https://vendor.example/v1/alerts?page=2'): PreparedRequest => ({ method: 'GET', url: new URL(url), headers: {}, body: undefined });

describe.each(testDatabaseKinds())('auth appliers from the vault on %s', (kind) => {
  let f: VaultFixture;
  let sts: LocalServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-vault-certs-'));
    makeCertificates();
    f = await createVaultFixture(kind);
    sts = await startLocalServer((req, res) => {
      const signedWithStoredKey = String(req.headers.authorization).includes('Credential=AKIASTORED/');
      res.writeHead(signedWithStoredKey ? 200 : 403, { 'content-type': 'text/xml' });
      res.end(
        signedWithStoredKey
          ? `<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIATEMP</AccessKeyId><SecretAccessKey>temp-secret-key</SecretAccessKey><SessionToken>temp-session-token</SessionToken><Expiration>${new Date(f.clock.now().getTime() + 3600_000).toISOString()}</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>`
          : '<ErrorResponse><Error><Code>InvalidClientTokenId</Code><Message>bad key</Message></Error></ErrorResponse>',
      );
    });
  });
  afterAll(async () => {
    await sts.close();
    await f.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function applied(authType: string, credentials: Record<string, unknown>, options: Parameters<VaultFixture['engine']['vault']['authApplierFor']>[2] = { operation: 'sync' }) {
    const { id } = await f.engine.vault.configs.create(f.actor, { name: `${authType}-${Math.random()}`, authType, credentials });
    const applier = await f.engine.vault.authApplierFor(f.actor, id, options);
    const req = request();
    await applier.apply(req);
    return req;
  }

  it('API key in a header (with a prefix) or in the query', async () => {
    expect((await applied('api_key', { api_key: 'k-123', header_name: 'Authorization', prefix: 'SSWS ' })).headers.authorization).toBe('SSWS k-123');
    expect((await applied('api_key', { api_key: 'k-456', query_param: 'api_key' })).url.searchParams.get('api_key')).toBe('k-456');
  });

  it('basic and bearer', async () => {
    expect((await applied('basic', { username: 'svc', password: 'p@ss:word' })).headers.authorization).toBe(`Basic ${Buffer.from('svc:p@ss:word').toString('base64')}`);
    expect((await applied('bearer', { token: 't0ken-value' })).headers.authorization).toBe('Bearer t0ken-value');
  });

  it('client certificate: a real mutual-TLS call with the stored certificate, key and CA', async () => {
    const server = await startLocalServer(
      (req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ cn: (req.socket as TLSSocket).getPeerCertificate().subject?.CN }));
      },
      { tls: { cert: pem('server.crt'), key: pem('server.key'), ca: pem('ca.crt'), requestCert: true } },
    );
    try {
      const { id } = await f.engine.vault.configs.create(f.actor, { name: 'mtls', authType: 'client_certificate', credentials: { certificate_pem: pem('client.crt'), private_key_pem: pem('client.key'), ca_pem: pem('ca.crt') } });
      const client = createHttpClient({ baseUrl: server.url, allowPrivateNetwork: true, clock: f.clock, auth: await f.engine.vault.authApplierFor(f.actor, id, { operation: 'sync' }) });
      expect((await client.get<{ cn: string }>('/whoami')).body.cn).toBe('vault-client');
      await client.close();
    } finally {
      await server.close();
    }
  });

  it('refuses a private key that does not belong to the certificate', async () => {
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', 'other.key'], { cwd: dir, stdio: 'pipe' });
    await expect(f.engine.vault.configs.create(f.actor, { name: 'mismatch', authType: 'client_certificate', credentials: { certificate_pem: pem('client.crt'), private_key_pem: pem('other.key') } })).rejects.toMatchObject({ field: 'body.credentials.private_key_pem', message: expect.stringMatching(/does not belong/) });
  });

  it('AWS access keys sign with SigV4 for the connector-declared service', async () => {
    const req = await applied('aws', { access_key_id: 'AKIADIRECT', secret_access_key: 'direct-secret-key' }, { operation: 'sync', aws: { service: 'securityhub', region: 'eu-west-1' } });
    expect(req.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIADIRECT\/\d{8}\/eu-west-1\/securityhub\/aws4_request/);
  });

  it('AWS assumed role: AssumeRole once with the stored keys, then sign with the session', async () => {
    const { id } = await f.engine.vault.configs.create(f.actor, { name: 'role', authType: 'aws', credentials: { access_key_id: 'AKIASTORED', secret_access_key: 'stored-secret-key', role_arn: 'arn:aws:iam::123456789012:role/patchbay', external_id: 'ext-1', region: 'us-east-1', sts_endpoint: `${sts.url}/` } });
    const applier = await f.engine.vault.authApplierFor(f.actor, id, { operation: 'sync', aws: { service: 'guardduty' } });
    const before = sts.requests.length;
    const [a, b] = [request(), request()];
    await Promise.all([applier.apply(a), applier.apply(b)]);
    expect(sts.requests.length - before).toBe(1);
    expect(new URLSearchParams(sts.requests.at(-1)!.body).get('ExternalId')).toBe('ext-1');
    expect(a.headers.authorization).toMatch(/Credential=ASIATEMP\/\d{8}\/us-east-1\/guardduty\/aws4_request/);
    expect(a.headers['x-amz-security-token']).toBe('temp-session-token');
    const refused = await f.engine.vault.configs.create(f.actor, { name: 'role-bad', authType: 'aws', credentials: { access_key_id: 'AKIAWRONG', secret_access_key: 'x-secret-key', role_arn: 'arn:aws:iam::1:role/x', sts_endpoint: `${sts.url}/` } });
    expect(await f.engine.vault.test(f.actor, refused.id)).toMatchObject({ ok: false, code: 'CREDENTIAL_REFRESH_FAILED', message: expect.stringMatching(/InvalidClientTokenId/) });
  });

  it('static credentials cannot be tested without a connector, and have nothing to refresh', async () => {
    const { id } = await f.engine.vault.configs.create(f.actor, { name: 'static', authType: 'bearer', credentials: { token: 'static-token-123456' } });
    await expect(f.engine.vault.test(f.actor, id)).rejects.toMatchObject({ code: 'CREDENTIAL_TEST_UNSUPPORTED', message: expect.stringMatching(/instances\/\{id\}\/test/) });
    await expect(f.engine.vault.refresh(f.actor, id)).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_REFRESHABLE' });
  });
});

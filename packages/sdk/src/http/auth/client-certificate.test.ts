import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, Secret } from '@patchbay/types';
import { startLocalServer, type LocalServer } from '../../testing/local-server.ts';
import { createHttpClient, type PatchbayHttpClient } from '../create-http-client.ts';
import { clientCertificate } from './client-certificate.ts';

let dir: string;
const pem = (name: string) => readFileSync(join(dir, name), 'utf8');

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** A CA, a server certificate for 127.0.0.1, a client certificate from the CA and one self-signed. */
function makeCertificates(): void {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=patchbay-test-ca');
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const who of ['server', 'client']) {
    openssl('req', ...ec, '-keyout', `${who}.key`, '-out', `${who}.csr`, '-subj', `/CN=patchbay-${who}`);
    openssl('x509', '-req', '-in', `${who}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${who}.crt`, '-days', '2', '-extfile', `${who}.ext`);
  }
  openssl('req', '-x509', ...ec, '-keyout', 'rogue.key', '-out', 'rogue.crt', '-days', '2', '-subj', '/CN=rogue');
}

let server: LocalServer;
let client: PatchbayHttpClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'patchbay-mtls-'));
  makeCertificates();
  server = await startLocalServer(
    (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ clientCn: peer.subject?.CN }));
    },
    { tls: { cert: pem('server.crt'), key: pem('server.key'), ca: pem('ca.crt'), requestCert: true } },
  );
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

afterEach(async () => {
  await client?.close();
});

describe('clientCertificate (mTLS)', () => {
  it('presents the client certificate, and trusts the given CA for the server', async () => {
    client = createHttpClient({
      baseUrl: server.url,
      allowPrivateNetwork: true,
      clock: new ManualClock(),
      auth: clientCertificate({ cert: new Secret(pem('client.crt')), key: new Secret(pem('client.key')), ca: new Secret(pem('ca.crt')) }),
    });
    const res = await client.get<{ clientCn: string }>('/whoami');
    expect(res.body.clientCn).toBe('patchbay-client');
  });

  it('fails when the server refuses the certificate (TLS 1.3: the server just closes)', async () => {
    client = createHttpClient({
      baseUrl: server.url,
      allowPrivateNetwork: true,
      clock: new ManualClock(),
      auth: clientCertificate({ cert: new Secret(pem('rogue.crt')), key: new Secret(pem('rogue.key')), ca: new Secret(pem('ca.crt')) }),
      retry: { maxAttempts: 1 },
    });
    await expect(client.get('/whoami')).rejects.toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
  });

  it('fails on a server certificate from an untrusted CA', async () => {
    client = createHttpClient({
      baseUrl: server.url,
      allowPrivateNetwork: true,
      clock: new ManualClock(),
      auth: clientCertificate({ cert: new Secret(pem('client.crt')), key: new Secret(pem('client.key')) }),
    });
    await expect(client.get('/whoami')).rejects.toMatchObject({ code: 'VENDOR_UNAVAILABLE', retryable: false });
  });
});

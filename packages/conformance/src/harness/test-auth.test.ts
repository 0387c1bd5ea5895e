import { describe, expect, it } from 'vitest';
import type { AnyConnector, AuthMethod, PreparedRequest } from '@patchbay/sdk';
import { testAuthFor } from './test-auth.ts';

const connectorWith = (...auth: AuthMethod[]) => ({ id: 'probe', auth }) as unknown as AnyConnector;

async function headersAfter(connector: AnyConnector, configuration: Record<string, unknown> = {}) {
  const request: PreparedRequest = { method: 'GET', url: new URL('https://securityhub.eu-west-1.amazonaws.com/findings'), headers: {}, body: undefined };
  await testAuthFor(connector, configuration).applier!.apply(request);
  return request.headers;
}

describe('testAuthFor', () => {
  it('fills every placeholder of an API key format, and the additional placements', async () => {
    const headers = await headersAfter(
      connectorWith({ type: 'api_key', label: 'Keys', in: 'header', name: 'X-ApiKeys', format: 'accessKey={access_key}; secretKey={secret_key};', additional: [{ in: 'header', name: 'X-Tenant', format: 'T-{tenant_id}' }] } as AuthMethod),
    );
    expect(headers['x-apikeys']).toBe('accessKey=conformance-access-key; secretKey=conformance-secret-key;');
    expect(headers['x-tenant']).toBe('T-conformance-tenant-id');
    expect((await headersAfter(connectorWith({ type: 'api_key', label: 'Token', in: 'header', name: 'Authorization', format: 'SSWS {api_key}' } as AuthMethod))).authorization).toBe('SSWS conformance-api-key');
  });

  it('signs AWS requests with SigV4 for the declared service and the region from the configuration', async () => {
    const headers = await headersAfter(connectorWith({ type: 'aws', label: 'AWS', service: 'securityhub', region: { fromConfig: 'region' } } as AuthMethod), { region: 'eu-west-1' });
    expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIACONFORMANCE00000\/\d{8}\/eu-west-1\/securityhub\/aws4_request, SignedHeaders=.+, Signature=[0-9a-f]{64}$/);
    expect(testAuthFor(connectorWith({ type: 'aws', label: 'AWS', service: 'guardduty', region: 'us-east-1' } as AuthMethod)).refreshable).toBe(false);
  });
});

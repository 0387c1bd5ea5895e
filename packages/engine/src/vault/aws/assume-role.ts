import { awsSigV4, type PreparedRequest } from '@patchbay/sdk';
import { PatchbayError, Secret, type Clock } from '@patchbay/types';
import type { Credentials } from '../credential-view.ts';

export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: Secret;
  readonly sessionToken: Secret;
  readonly expiresAt: Date;
}

const tag = (xml: string, name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

/** STS AssumeRole with the stored access keys (SigV4-signed), for configs with a role_arn. */
export async function assumeRole(credentials: Credentials, sessionName: string, clock: Clock): Promise<TemporaryCredentials> {
  const region = credentials.text('region') ?? 'us-east-1';
  const endpoint = credentials.text('sts_endpoint') ?? `https://sts.${region}.amazonaws.com/`;
  const form = new URLSearchParams({ Action: 'AssumeRole', Version: '2011-06-15', RoleArn: credentials.text('role_arn')!, RoleSessionName: sessionName, DurationSeconds: '3600' });
  const externalId = credentials.text('external_id');
  if (externalId) form.set('ExternalId', externalId);
  const request: PreparedRequest = { method: 'POST', url: new URL(endpoint), headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: form.toString() };
  const sessionToken = credentials.secret('session_token');
  await awsSigV4({ accessKeyId: credentials.text('access_key_id')!, secretAccessKey: credentials.secret('secret_access_key')!, ...(sessionToken ? { sessionToken } : {}), region, service: 'sts', clock }).apply(request);
  let res: Response;
  try {
    res = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body as string, signal: AbortSignal.timeout(30_000) });
  } catch (cause) {
    throw new PatchbayError('VENDOR_UNAVAILABLE', { message: `AWS STS at ${request.url.host} could not be reached`, cause });
  }
  const xml = await res.text();
  if (!res.ok) {
    const code = tag(xml, 'Code') ?? String(res.status);
    const definitive = res.status >= 400 && res.status < 500 && code !== 'Throttling';
    throw new PatchbayError(definitive ? 'CREDENTIAL_REFRESH_FAILED' : 'VENDOR_UNAVAILABLE', { message: `AWS STS refused AssumeRole: ${code}${tag(xml, 'Message') ? ` (${tag(xml, 'Message')!.slice(0, 200)})` : ''}` });
  }
  const accessKeyId = tag(xml, 'AccessKeyId');
  const secret = tag(xml, 'SecretAccessKey');
  const token = tag(xml, 'SessionToken');
  const expiration = tag(xml, 'Expiration');
  if (!accessKeyId || !secret || !token || !expiration) throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: 'AWS STS answered AssumeRole without credentials' });
  return { accessKeyId, secretAccessKey: new Secret(secret), sessionToken: new Secret(token), expiresAt: new Date(expiration) };
}

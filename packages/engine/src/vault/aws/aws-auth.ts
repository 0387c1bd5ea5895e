import { awsSigV4, type AuthApplier } from '@patchbay/sdk';
import { PatchbayError, type Clock } from '@patchbay/types';
import type { Credentials } from '../credential-view.ts';
import { createSingleFlight } from '../oauth/single-flight.ts';
import { assumeRole, type TemporaryCredentials } from './assume-role.ts';

export interface AwsTarget {
  /** SigV4 region; defaults to the credential's `region`. */
  readonly region?: string;
  /** SigV4 signing name from the connector declaration (`securityhub`, `guardduty`). */
  readonly service: string;
}

/** Role credentials are renewed this long before they expire. */
const RENEW_BEFORE_MS = 5 * 60_000;

/** AWS: SigV4 with the stored keys, or with temporary credentials from AssumeRole (kept in memory only). */
export function awsAuth(credentials: Credentials, target: AwsTarget | undefined, sessionName: string, clock: Clock): AuthApplier {
  if (!target) throw new PatchbayError('CONFIG_INVALID', { message: 'AWS credentials need the signing service (and region) of the connector', hint: 'Pass `aws: { service, region }` from the connector declaration.' });
  const region = target.region ?? credentials.text('region');
  if (!region) throw new PatchbayError('CONFIG_INVALID', { field: 'credentials.region', message: 'AWS credentials need a region (in the config or the connector declaration)' });
  const sessionToken = credentials.secret('session_token');
  const direct = awsSigV4({ accessKeyId: credentials.text('access_key_id')!, secretAccessKey: credentials.secret('secret_access_key')!, ...(sessionToken ? { sessionToken } : {}), region, service: target.service, clock });
  if (!credentials.text('role_arn')) return direct;

  let held: TemporaryCredentials | undefined;
  const flight = createSingleFlight();
  const current = async (): Promise<TemporaryCredentials> => {
    if (held && held.expiresAt.getTime() - RENEW_BEFORE_MS > clock.now().getTime()) return held;
    held = await flight.run('role', () => assumeRole(credentials, sessionName, clock));
    return held;
  };
  return {
    async apply(request) {
      const role = await current();
      await awsSigV4({ accessKeyId: role.accessKeyId, secretAccessKey: role.secretAccessKey, sessionToken: role.sessionToken, region, service: target.service, clock }).apply(request);
    },
    async onUnauthorized() {
      held = undefined;
      return true;
    },
  };
}

import type { Answer } from './aws-errors.ts';
import { ACCOUNT_ID } from './finding-factory.ts';

/** The external id the simulated role's trust policy requires. */
export const SIMULATED_EXTERNAL_ID = 'patchbay-simulated-external-id';

const xml = (status: number, body: string): Answer => ({ status, headers: { 'content-type': 'text/xml' }, body });

function error(status: number, code: string, message: string): Answer {
  return xml(status, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>sim</RequestId></ErrorResponse>`);
}

/**
 * AWS STS (query protocol, form-encoded POST, XML answers): AssumeRole
 * (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html), so the engine's vault can
 * obtain role credentials from the simulator (credential field `sts_endpoint`), checking the external id;
 * and GetCallerIdentity (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
 */
export function serveSts(form: URLSearchParams, now: Date): Answer {
  const action = form.get('Action');
  if (action === 'GetCallerIdentity') {
    return xml(200, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${ACCOUNT_ID}:user/simulated</Arn><UserId>AIDASIMULATED</UserId><Account>${ACCOUNT_ID}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>sim</RequestId></ResponseMetadata></GetCallerIdentityResponse>`);
  }
  if (action !== 'AssumeRole') return error(400, 'InvalidAction', `Could not find operation ${action ?? ''}`);
  const role = form.get('RoleArn');
  if (!role) return error(400, 'ValidationError', 'RoleArn is required');
  if (form.get('ExternalId') !== SIMULATED_EXTERNAL_ID) return error(403, 'AccessDenied', `User is not authorized to perform: sts:AssumeRole on resource: ${role}`);
  const expires = new Date(now.getTime() + Number(form.get('DurationSeconds') ?? 3600) * 1000).toISOString();
  const session = form.get('RoleSessionName') ?? 'session';
  return xml(
    200,
    `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIASIMULATEDROLE01</AccessKeyId><SecretAccessKey>simulated-role-secret</SecretAccessKey><SessionToken>simulated-session-token</SessionToken><Expiration>${expires}</Expiration></Credentials><AssumedRoleUser><Arn>${role.replace(':role/', ':assumed-role/')}/${session}</Arn><AssumedRoleId>AROASIMULATED:${session}</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>sim</RequestId></ResponseMetadata></AssumeRoleResponse>`,
  );
}

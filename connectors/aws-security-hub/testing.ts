import { awsSigV4, type AuthApplier } from '@patchbay/sdk';
import { Secret, type Clock } from '@patchbay/types';

/** Test access keys the simulator accepts (it checks the SigV4 scope, not the signature's HMAC). */
export const TEST_ACCESS_KEY_ID = 'AKIAPATCHBAYTEST0001';

/** The applier the engine builds from an `aws` auth config: SigV4 for securityhub in `region`. */
export function testSigner(clock: Clock, region = 'us-east-1', accessKeyId = TEST_ACCESS_KEY_ID): AuthApplier {
  return awsSigV4({ accessKeyId, secretAccessKey: new Secret('patchbay-test-secret-key'), region, service: 'securityhub', clock });
}

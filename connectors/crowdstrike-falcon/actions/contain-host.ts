import { defineAction } from '@patchbay/sdk';
import type { CrowdStrikeConfig } from '../config.ts';
import { hostActionInput, hostActionOutput, hostActionRequest, runHostAction } from './device-action.ts';

/** Network-contains a host: it keeps talking to the Falcon cloud only (and the containment policy's allowed IPs). */
export const containHost = defineAction<typeof hostActionInput, typeof hostActionOutput, CrowdStrikeConfig>({
  name: 'contain-host',
  title: 'Contain host',
  description: 'Network-contains a host in Falcon: it can then reach only the CrowdStrike cloud and the IPs the containment policy allows. Undo with lift-containment.',
  input: hostActionInput,
  output: hostActionOutput,
  readOnly: false,
  reverse: 'lift-containment',
  impact: 'high',
  category: 'contain',
  permissions: ['devices:write'],
  run: (ctx, input) => runHostAction(ctx, 'contain', input.device_id),
  plan: (ctx, input) => [hostActionRequest(ctx.config, 'contain', input.device_id)],
});

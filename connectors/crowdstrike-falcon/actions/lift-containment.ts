import { defineAction } from '@patchbay/sdk';
import type { CrowdStrikeConfig } from '../config.ts';
import { hostActionInput, hostActionOutput, hostActionRequest, runHostAction } from './device-action.ts';

/** Lifts network containment: the host's network communications return to normal. */
export const liftContainment = defineAction<typeof hostActionInput, typeof hostActionOutput, CrowdStrikeConfig>({
  name: 'lift-containment',
  title: 'Lift containment',
  description: 'Lifts network containment from a host in Falcon, returning its network communications to normal. Reverses contain-host.',
  input: hostActionInput,
  output: hostActionOutput,
  readOnly: false,
  reverse: 'contain-host',
  impact: 'high',
  category: 'contain',
  permissions: ['devices:write'],
  run: (ctx, input) => runHostAction(ctx, 'lift_containment', input.device_id),
  plan: (ctx, input) => [hostActionRequest(ctx.config, 'lift_containment', input.device_id)],
});

import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import type { DefenderConfig } from '../config.ts';
import { machineActionOutput, machineActionRequest, sendMachineAction } from './machine-action.ts';

const input = z.object({
  device_id: z.string().min(1).max(100).describe('The Defender for Endpoint machine id (the devices stream record id)'),
  comment: z.string().min(1).max(1000).describe('Why the device is isolated; shown in the Defender portal'),
  isolation_type: z.enum(['Full', 'Selective']).default('Full').describe('Full, or Selective (Outlook, Teams and Skype keep working)'),
});

/**
 * POST /api/machines/{id}/isolate (https://learn.microsoft.com/en-us/defender-endpoint/api/isolate-machine):
 * cuts the device off the network except for the Defender service. High impact: waits for approval.
 */
export const isolateDevice = defineAction<typeof input, typeof machineActionOutput, DefenderConfig>({
  name: 'isolate-device',
  title: 'Isolate device',
  description: 'Isolates a device from the network with Defender for Endpoint (full or selective); release-device undoes it.',
  input,
  output: machineActionOutput,
  readOnly: false,
  reverse: 'release-device',
  impact: 'high',
  category: 'contain',
  permissions: ['Machine.Isolate'],
  plan: (ctx, values) => [machineActionRequest(ctx.config, values.device_id, 'isolate', { Comment: values.comment, IsolationType: values.isolation_type }, 'isolate-device')],
  run: (ctx, values) =>
    sendMachineAction(ctx, machineActionRequest(ctx.config, values.device_id, 'isolate', { Comment: values.comment, IsolationType: values.isolation_type }, 'isolate-device'), values.device_id, 'Isolate'),
});

import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import type { DefenderConfig } from '../config.ts';
import { machineActionOutput, machineActionRequest, sendMachineAction } from './machine-action.ts';

const input = z.object({
  device_id: z.string().min(1).max(100).describe('The Defender for Endpoint machine id'),
  comment: z.string().min(1).max(1000).describe('Why the device is released; shown in the Defender portal'),
});

/**
 * POST /api/machines/{id}/unisolate (https://learn.microsoft.com/en-us/defender-endpoint/api/unisolate-machine):
 * gives an isolated device its network back. High impact: waits for approval.
 */
export const releaseDevice = defineAction<typeof input, typeof machineActionOutput, DefenderConfig>({
  name: 'release-device',
  title: 'Release device from isolation',
  description: 'Releases a device from Defender for Endpoint network isolation; isolate-device isolates it again.',
  input,
  output: machineActionOutput,
  readOnly: false,
  reverse: 'isolate-device',
  impact: 'high',
  category: 'contain',
  permissions: ['Machine.Isolate'],
  plan: (ctx, values) => [machineActionRequest(ctx.config, values.device_id, 'unisolate', { Comment: values.comment }, 'release-device')],
  run: (ctx, values) => sendMachineAction(ctx, machineActionRequest(ctx.config, values.device_id, 'unisolate', { Comment: values.comment }, 'release-device'), values.device_id, 'Unisolate'),
});

import type { ConnectorContext, PlannedRequest } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { z } from 'zod';
import { mdeUrl, type DefenderConfig } from '../config.ts';
import type { MdeMachineAction, ODataError } from '../vendor.ts';

/** What isolate-device and release-device return: the MachineAction Defender created (or the one already running). */
export const machineActionOutput = z.object({
  device_id: z.string(),
  action_id: z.string().nullable(),
  type: z.string(),
  status: z.string().describe('Pending, InProgress, Succeeded, Failed, TimeOut or Cancelled; AlreadyRequested when an identical action was active'),
  already_requested: z.boolean(),
});
export type MachineActionOutput = z.output<typeof machineActionOutput>;

/** Defender's answer when the same action is already active for the device (400 ActiveRequestAlreadyExists). */
const ALREADY_ACTIVE = 'ActiveRequestAlreadyExists';

export function machineActionRequest(config: DefenderConfig, deviceId: string, verb: 'isolate' | 'unisolate', body: Record<string, unknown>, operation: string): PlannedRequest {
  return { method: 'POST', url: mdeUrl(config, `/api/machines/${encodeURIComponent(deviceId)}/${verb}`), body, operation, retry: false };
}

/**
 * Sends a machine action once (a POST creates an action: not retried), and reads Defender's 400
 * ActiveRequestAlreadyExists (by its error code) as "already requested", so running it twice leaves one action.
 */
export async function sendMachineAction(ctx: ConnectorContext<DefenderConfig>, request: PlannedRequest, deviceId: string, type: string): Promise<MachineActionOutput> {
  const response = await ctx.http.request<MdeMachineAction | ODataError>({ ...request, acceptStatus: [400] });
  if (response.status === 400) {
    const error = (response.body as ODataError).error;
    if (error?.code === ALREADY_ACTIVE) return { device_id: deviceId, action_id: null, type, status: 'AlreadyRequested', already_requested: true };
    throw new PatchbayError('VENDOR_REQUEST_REJECTED', {
      message: `Defender for Endpoint refused the ${type} action for device ${deviceId} (400 ${error?.code ?? 'BadRequest'})`,
      details: { status: 400, operation: request.operation, vendorCode: error?.code ?? null },
    });
  }
  const action = response.body as MdeMachineAction;
  return { device_id: action.machineId ?? deviceId, action_id: action.id, type: action.type ?? type, status: action.status, already_requested: false };
}

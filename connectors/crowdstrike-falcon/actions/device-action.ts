import type { ConnectorContext, PlannedRequest } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { z } from 'zod';
import { apiUrl, type CrowdStrikeConfig } from '../config.ts';
import { resourcesOf, type FalconBody } from '../streams/falcon-body.ts';

/** A Falcon host id (agent id, AID): 32 hexadecimal characters. */
export const deviceIdSchema = z.string().regex(/^[0-9a-fA-F]{32}$/, 'must be a Falcon device id (32 hexadecimal characters)').describe('Device id (AID) of the host, from the hosts stream or an alert\'s device.device_id');

export const hostActionInput = z.object({ device_id: deviceIdSchema });

export const hostActionOutput = z.object({
  device_id: z.string(),
  action: z.enum(['contain', 'lift_containment']),
  accepted: z.boolean().describe('Falcon accepted the request; the host changes state when its sensor next checks in'),
});

export type HostActionName = 'contain' | 'lift_containment';

/** POST /devices/entities/devices-actions/v2?action_name=... with `{ ids }` (PerformActionV2). */
export function hostActionRequest(config: CrowdStrikeConfig, action: HostActionName, deviceId: string): PlannedRequest {
  return {
    method: 'POST',
    url: apiUrl(config, '/devices/entities/devices-actions/v2'),
    query: { action_name: action },
    body: { ids: [deviceId.toLowerCase()] },
    operation: action === 'contain' ? 'contain-host' : 'lift-containment',
  };
}

/**
 * Sends a host action (https://developer.crowdstrike.com/api-reference/collections/hosts/#performactionv2).
 * Falcon treats containing a contained host (or lifting a lifted one) as done, so the request is safe to
 * retry. An unknown device id is answered 404: it becomes NOT_FOUND naming the id.
 */
export async function runHostAction(ctx: ConnectorContext<CrowdStrikeConfig>, action: HostActionName, deviceId: string): Promise<z.input<typeof hostActionOutput>> {
  const response = await ctx.http.request<FalconBody<{ id?: string }>>({ ...hostActionRequest(ctx.config, action, deviceId), acceptStatus: [404] });
  if (response.status === 404) {
    throw new PatchbayError('NOT_FOUND', { message: `Falcon has no host with device id ${deviceId}`, field: 'device_id', details: { vendor_errors: response.body?.errors ?? [] } });
  }
  const accepted = resourcesOf(response.body).some((r) => r.id?.toLowerCase() === deviceId.toLowerCase());
  return { device_id: deviceId.toLowerCase(), action, accepted };
}

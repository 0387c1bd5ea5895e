import { defineAction, type PlannedRequest } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { z } from 'zod';
import type { TenableConfig } from '../config.ts';

const input = z.object({
  scan_id: z
    .union([z.string().min(1).max(100), z.number().int().positive()])
    .describe('The scan to launch: its schedule_uuid (Tenable recommends it) or its numeric id, as listed by GET /scans'),
  alt_targets: z
    .array(z.string().min(1).max(1000))
    .max(1000)
    .optional()
    .describe('Targets to scan instead of the configured ones (IP addresses, ranges, CIDR, hostnames)'),
});

const output = z.object({
  scan_id: z.string(),
  scan_uuid: z.string().nullable().describe('The UUID of the new scan run; null when the scan was already running'),
  already_running: z.boolean(),
});

type Input = z.output<typeof input>;

function request(data: Input): PlannedRequest {
  const id = encodeURIComponent(String(data.scan_id));
  return {
    method: 'POST',
    url: `/scans/${id}/launch`,
    body: data.alt_targets ? { alt_targets: data.alt_targets } : {},
    operation: 'launch-scan',
    // A launch is not idempotent: a lost answer must not start a second run.
    retry: false,
    // 409: the scan is already running (a stateful conflict, https://developer.tenable.com/docs/common-tio-api-errors).
    acceptStatus: [409],
  };
}

/**
 * POST /scans/{scan_id}/launch (https://developer.tenable.com/reference/scans-launch,
 * https://developer.tenable.com/docs/launch-scan-tio). Launching a scan that is already running changes
 * nothing and reports `already_running`, so running the action twice leaves one run.
 */
export const launchScan = defineAction<typeof input, typeof output, TenableConfig>({
  name: 'launch-scan',
  title: 'Launch scan',
  description: 'Starts a run of an existing scan now, on its configured targets or on alternate targets.',
  input,
  output,
  readOnly: false,
  impact: 'high',
  category: 'investigate',
  permissions: ['Scan Operator [24] user role', 'Can Execute [32] permission on the scan'],
  plan: (_ctx, data) => [request(data)],
  async run(ctx, data) {
    const response = await ctx.http.request<{ scan_uuid?: unknown }>(request(data));
    const scanId = String(data.scan_id);
    if (response.status === 409) return { scan_id: scanId, scan_uuid: null, already_running: true };
    const uuid = response.body?.scan_uuid;
    if (typeof uuid !== 'string' || uuid === '') throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: 'The launch answer has no scan_uuid' });
    return { scan_id: scanId, scan_uuid: uuid, already_running: false };
  },
});

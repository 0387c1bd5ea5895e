import { z } from 'zod';
import type { AttemptRow, EndpointRow, InboundKeyRow, MessageRow } from '@patchbay/engine';
import { iso, isoOrNull, toIso } from './common.ts';

export const endpointBody = z.object({ url: z.url().max(2000), description: z.string().max(500).optional(), is_active: z.boolean().optional(), allow_private_network: z.boolean().optional().describe('Admins only: reach private, loopback or link-local addresses') }).strict();

export const endpointJson = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  is_active: z.boolean(),
  allow_private_network: z.boolean(),
  circuit_open_until: isoOrNull,
  consecutive_failures: z.number().int(),
  previous_secret_expires_at: isoOrNull,
  created_at: iso,
  updated_at: iso,
});

export const toEndpointJson = (r: EndpointRow): z.infer<typeof endpointJson> => ({
  id: r.id,
  url: r.url,
  description: r.description,
  is_active: r.isActive,
  allow_private_network: r.allowPrivateNetwork,
  circuit_open_until: toIso(r.circuitOpenUntil),
  consecutive_failures: r.consecutiveFailures,
  previous_secret_expires_at: toIso(r.previousSecretExpiresAt),
  created_at: toIso(r.createdAt)!,
  updated_at: toIso(r.updatedAt)!,
});

export const messageStatus = z.enum(['pending', 'delivering', 'retrying', 'delivered', 'dead_lettered']);

export const messageJson = z.object({
  id: z.string().describe('The webhook-id header: receivers deduplicate on it'),
  endpoint_id: z.string(),
  event_id: z.string(),
  event_type: z.string(),
  status: messageStatus,
  attempts: z.number().int(),
  next_attempt_at: isoOrNull,
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()).describe('The Standard Webhooks envelope { type, timestamp, data }'),
  created_at: iso,
  delivered_at: isoOrNull,
  dead_lettered_at: isoOrNull,
});

export const toMessageJson = (m: MessageRow): z.infer<typeof messageJson> => ({
  id: m.id,
  endpoint_id: m.endpointId,
  event_id: m.eventId,
  event_type: m.eventType,
  status: m.status,
  attempts: m.attempts,
  next_attempt_at: toIso(m.nextAttemptAt),
  last_status_code: m.lastStatusCode,
  last_error: m.lastError,
  payload: m.payload,
  created_at: toIso(m.createdAt)!,
  delivered_at: toIso(m.deliveredAt),
  dead_lettered_at: toIso(m.deadLetteredAt),
});

export const attemptJson = z.object({ id: z.string(), attempt: z.number().int(), status_code: z.number().int().nullable(), latency_ms: z.number().int(), error: z.string().nullable(), response_snippet: z.string().nullable(), attempted_at: iso });

export const toAttemptJson = (a: AttemptRow): z.infer<typeof attemptJson> => ({ id: a.id, attempt: a.attempt, status_code: a.statusCode, latency_ms: a.latencyMs, error: a.error, response_snippet: a.responseSnippet, attempted_at: toIso(a.attemptedAt)! });

export const verification = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('standard-webhooks') }),
  z.object({ kind: z.literal('github') }),
  z.object({ kind: z.literal('hmac-sha256'), header: z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/), encoding: z.enum(['hex', 'base64']), prefix: z.string().min(1).optional() }),
  z.object({ kind: z.literal('slack') }),
  z.object({ kind: z.literal('bearer'), header: z.string().optional() }),
  z.object({ kind: z.literal('none') }),
]);

export const inboundSettingsJson = z.object({ instance_id: z.string(), verification: z.record(z.string(), z.unknown()), ip_allow_list: z.array(z.string()), tolerance_seconds: z.number().int(), url: z.string().nullable(), rotated_at: iso });

export const toInboundSettingsJson = (r: InboundKeyRow, url: string | null): z.infer<typeof inboundSettingsJson> => ({ instance_id: r.instanceId, verification: r.verification, ip_allow_list: r.ipAllowList, tolerance_seconds: r.toleranceSeconds, url, rotated_at: toIso(r.rotatedAt)! });

import { z } from 'zod';
import type { AuditRow, OrganizationRow, TokenRow, UserRow } from '@patchbay/engine';
import { roles } from '@patchbay/types';
import { iso, isoOrNull, toIso } from './common.ts';

export const role = z.enum(roles);

export const tokenJson = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the token, to recognise it'),
  role,
  user_id: z.uuid(),
  expires_at: isoOrNull,
  last_used_at: isoOrNull,
  revoked_at: isoOrNull,
  created_at: iso,
});

export const toTokenJson = (r: TokenRow): z.infer<typeof tokenJson> => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  role: r.role as z.infer<typeof role>,
  user_id: r.userId,
  expires_at: toIso(r.expiresAt),
  last_used_at: toIso(r.lastUsedAt),
  revoked_at: toIso(r.revokedAt),
  created_at: r.createdAt.toISOString(),
});

export const userJson = z.object({ id: z.uuid(), email: z.string(), name: z.string(), role, created_at: iso, disabled_at: isoOrNull });

export const toUserJson = (r: UserRow): z.infer<typeof userJson> => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role as z.infer<typeof role>,
  created_at: r.createdAt.toISOString(),
  disabled_at: toIso(r.disabledAt),
});

export const organizationJson = z.object({ id: z.uuid(), slug: z.string(), name: z.string(), created_at: iso });

export const toOrganizationJson = (r: OrganizationRow): z.infer<typeof organizationJson> => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  created_at: r.createdAt.toISOString(),
});

export const auditJson = z.object({
  seq: z.number().int(),
  id: z.uuid(),
  organization_id: z.uuid().nullable(),
  actor_type: z.string(),
  actor_id: z.string().nullable(),
  actor_label: z.string().nullable(),
  action: z.string(),
  target_type: z.string().nullable(),
  target_id: z.string().nullable(),
  request_id: z.string().nullable(),
  source_ip: z.string().nullable(),
  occurred_at: iso,
  outcome: z.string(),
  before_digest: z.string().nullable(),
  after_digest: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prev_hash: z.string(),
  hash: z.string(),
});

export const toAuditJson = (r: AuditRow): z.infer<typeof auditJson> => ({
  seq: Number(r.seq),
  id: r.id,
  organization_id: r.organizationId,
  actor_type: r.actorType,
  actor_id: r.actorId,
  actor_label: r.actorLabel,
  action: r.action,
  target_type: r.targetType,
  target_id: r.targetId,
  request_id: r.requestId,
  source_ip: r.sourceIp,
  occurred_at: new Date(r.occurredAt).toISOString(),
  outcome: r.outcome,
  before_digest: r.beforeDigest,
  after_digest: r.afterDigest,
  details: r.details,
  prev_hash: r.prevHash,
  hash: r.hash,
});

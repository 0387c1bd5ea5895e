import { z } from 'zod';
import { route } from '../../route-def.ts';
import { pageOf, pageQuery, standardErrors } from '../../schemas/common.ts';
import { auditJson, toAuditJson } from '../../schemas/admin.ts';

const tags = ['admin'];

export const auditRoutes = [
  route({
    method: 'GET',
    url: '/api/admin/audit',
    access: 'audit',
    summary: 'Read the audit log, newest first',
    tags,
    schema: {
      querystring: pageQuery.extend({
        action: z.string().optional(),
        actor_id: z.string().optional(),
        target_type: z.string().optional(),
        target_id: z.string().optional(),
        since: z.iso.datetime({ offset: true }).optional(),
        until: z.iso.datetime({ offset: true }).optional(),
        organization_id: z.uuid().optional().describe('Platform admins only: another organisation'),
      }),
      response: { 200: pageOf(auditJson), ...standardErrors },
    },
    async handler({ engine, actor, query }) {
      const organizationId = actor.role === 'platform-admin' ? query.organization_id : actor.organizationId;
      const page = await engine.audit.read({
        ...query,
        organizationId,
        actorId: query.actor_id,
        targetType: query.target_type,
        targetId: query.target_id,
        since: query.since ? new Date(query.since) : undefined,
        until: query.until ? new Date(query.until) : undefined,
      });
      return { items: page.items.map(toAuditJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'GET',
    url: '/api/admin/audit/verify',
    access: 'audit',
    summary: 'Verify the hash chain of the whole audit log',
    tags,
    schema: {
      response: {
        200: z.object({
          ok: z.boolean(),
          rows: z.number().int(),
          broken_at: z.object({ seq: z.number().int(), id: z.string(), reason: z.string() }).nullable(),
        }),
        ...standardErrors,
      },
    },
    async handler({ engine }) {
      const result = await engine.audit.verify();
      return { ok: result.ok, rows: result.rows, broken_at: result.ok ? null : { ...result.brokenAt, seq: Number(result.brokenAt.seq) } };
    },
  }),
];

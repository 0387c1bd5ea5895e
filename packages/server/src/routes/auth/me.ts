import { z } from 'zod';
import { accessRoles, route } from '../../route-def.ts';
import { standardErrors } from '../../schemas/common.ts';

/** Who the caller is: the UI reads its role here to show or hide edit controls. */
export const authRoutes = [
  route({
    method: 'GET',
    url: '/api/auth/me',
    access: 'read',
    summary: 'The caller: user, role, organisation, and what the role may do',
    tags: ['auth'],
    schema: {
      response: {
        200: z.object({
          user_id: z.uuid().nullable(),
          label: z.string().describe('An email or a token prefix'),
          role: z.string(),
          organization_id: z.uuid(),
          token_id: z.uuid().nullable(),
          can: z.object({
            write: z.boolean().describe('Create and change integrations, mappings, schedules, reviews (admin, editor)'),
            admin: z.boolean().describe('Tokens, users, keys, allow_private_network (admin)'),
            audit: z.boolean().describe('Read the audit log (admin, auditor)'),
          }),
        }),
        ...standardErrors,
      },
    },
    handler: async ({ actor }) => ({
      user_id: actor.userId ?? null,
      label: actor.label,
      role: actor.role,
      organization_id: actor.organizationId,
      token_id: actor.tokenId ?? null,
      can: { write: accessRoles.write.includes(actor.role), admin: accessRoles.admin.includes(actor.role), audit: accessRoles.audit.includes(actor.role) },
    }),
  }),
];

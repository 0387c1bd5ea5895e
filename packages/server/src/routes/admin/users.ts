import { z } from 'zod';
import { route } from '../../route-def.ts';
import { pageOf, pageQuery, problem, standardErrors } from '../../schemas/common.ts';
import { organizationJson, role, toOrganizationJson, toUserJson, userJson } from '../../schemas/admin.ts';

const tags = ['admin'];

export const userRoutes = [
  route({
    method: 'GET',
    url: '/api/admin/users',
    access: 'admin',
    summary: 'List users of your organisation',
    tags,
    schema: { querystring: pageQuery, response: { 200: pageOf(userJson), ...standardErrors } },
    async handler({ engine, actor, query }) {
      const page = await engine.users.list(actor, query);
      return { items: page.items.map(toUserJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'POST',
    url: '/api/admin/users',
    access: 'admin',
    summary: 'Create a user',
    tags,
    status: 201,
    schema: {
      body: z.object({ email: z.email(), name: z.string().trim().min(1).max(200), role }),
      response: { 201: userJson, ...standardErrors, 409: problem },
    },
    handler: async ({ engine, actor, body }) => toUserJson(await engine.users.create(actor, body)),
  }),
  route({
    method: 'GET',
    url: '/api/admin/organizations',
    access: 'platform',
    summary: 'List organisations (platform admins)',
    tags,
    schema: { querystring: pageQuery, response: { 200: pageOf(organizationJson), ...standardErrors } },
    async handler({ engine, query }) {
      const page = await engine.organizations.list(query);
      return { items: page.items.map(toOrganizationJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'POST',
    url: '/api/admin/organizations',
    access: 'platform',
    summary: 'Create an organisation with its first admin user (platform admins)',
    tags,
    status: 201,
    schema: {
      body: z.object({
        slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lowercase letters, digits and dashes, 2-63 characters'),
        name: z.string().trim().min(1).max(200),
        admin_email: z.email(),
      }),
      response: { 201: organizationJson.extend({ admin_user_id: z.uuid() }), ...standardErrors, 409: problem },
    },
    async handler({ engine, actor, body }) {
      const { organization, adminUserId } = await engine.organizations.create(actor, { slug: body.slug, name: body.name, adminEmail: body.admin_email });
      return { ...toOrganizationJson(organization), admin_user_id: adminUserId };
    },
  }),
];

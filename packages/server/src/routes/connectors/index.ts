import { z } from 'zod';
import { route } from '../../route-def.ts';
import { pageOf, pageQuery, standardErrors } from '../../schemas/common.ts';
import { connectorJson, toConnectorJson } from '../../schemas/connector.ts';
import { connectorSorts } from '@patchbay/engine';
import { catalogueRoutes } from './catalogue.ts';
import { connectorDescriptionRoutes } from './description.ts';
import { reviewRoutes } from './reviews.ts';
import { connectorRegistrationRoutes } from './registration.ts';

const idParam = z.object({ id: z.string().min(1).describe('The connector key, e.g. `crowdstrike-falcon`') });

export const connectorRoutes = [
  route({
    method: 'GET',
    url: '/api/integration/connectors',
    access: 'read',
    summary: 'List available connectors',
    tags: ['connectors'],
    schema: {
      querystring: pageQuery.extend({
        category: z.string().optional(),
        capability: z.string().optional(),
        auth_method: z.string().optional(),
        q: z.string().max(200).optional().describe('Search in id, name, vendor and description'),
        installed: z
          .enum(['true', 'false'])
          .transform((v) => v === 'true')
          .optional()
          .describe('true: only connectors with an instance in your organisation; false: only those without'),
        sort: z.enum(connectorSorts).default('id').describe('id; rating (best rated first, then most reviewed); installs (most installed first)'),
      }),
      response: { 200: pageOf(connectorJson), ...standardErrors },
    },
    async handler({ engine, actor, query }) {
      const page = await engine.connectors.list(actor, { ...query, authMethod: query.auth_method });
      return { items: page.items.map(toConnectorJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/connectors/:id',
    access: 'read',
    summary: 'Get connector details',
    tags: ['connectors'],
    schema: { params: idParam, response: { 200: connectorJson, ...standardErrors } },
    handler: async ({ engine, actor, params }) => toConnectorJson(await engine.connectors.get(actor, params.id)),
  }),
  ...connectorDescriptionRoutes,
  ...connectorRegistrationRoutes,
  ...reviewRoutes,
  ...catalogueRoutes,
];

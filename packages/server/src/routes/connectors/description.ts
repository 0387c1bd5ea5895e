import { z } from 'zod';
import { route } from '../../route-def.ts';
import { standardErrors } from '../../schemas/common.ts';
import { connectorCapabilitiesJson, connectorSchemaJson, toCapabilitiesJson, toSchemaJson } from '../../schemas/connector-description.ts';

const idParam = z.object({ id: z.string().min(1).describe('The connector key, e.g. `crowdstrike-falcon`') });
const tags = ['connectors'];

/** What a connector needs (schemas) and what it can do (capabilities), from its declaration. */
export const connectorDescriptionRoutes = [
  route({
    method: 'GET',
    url: '/api/integration/connectors/:id/schema',
    access: 'read',
    summary: 'Get the configuration and credential JSON Schemas of a connector',
    tags,
    schema: { params: idParam, response: { 200: connectorSchemaJson, ...standardErrors } },
    async handler({ engine, actor, params }) {
      const { row, description } = await engine.registeredConnectors.describe(actor, params.id);
      return toSchemaJson(row, description);
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/connectors/:id/capabilities',
    access: 'read',
    summary: 'Get the capabilities, streams, actions and vendor permissions of a connector',
    tags,
    schema: { params: idParam, response: { 200: connectorCapabilitiesJson, ...standardErrors } },
    async handler({ engine, actor, params }) {
      const { row, description } = await engine.registeredConnectors.describe(actor, params.id);
      return toCapabilitiesJson(row, description);
    },
  }),
];

import { z } from 'zod';
import { route } from '../../route-def.ts';
import { problem, standardErrors } from '../../schemas/common.ts';
import { registerConnectorBody, registeredConnectorJson, toRegisteredConnectorJson, updateConnectorBody } from '../../schemas/connector-registration.ts';

const idParam = z.object({ id: z.string().min(1).describe('The connector key, e.g. `acme-feed`') });
const tags = ['connectors'];
const errors = { ...standardErrors, 409: problem, 502: problem, 504: problem };
const security =
  'Registering runs the program on the hub host with the rights of the hub process, so only admins may. The program gets no environment secrets and receives credentials on stdin only (docs/connectors/PROTOCOL.md).';

/** Connector programs speaking the process protocol, registered per organisation. Built-ins cannot be changed. */
export const connectorRegistrationRoutes = [
  route({
    method: 'POST',
    url: '/api/integration/connectors',
    access: 'admin',
    summary: 'Register a connector program (process protocol)',
    description: `Runs \`<command> <args...> spec\`, checks the declaration it prints and adds it to your catalogue. ${security}`,
    tags,
    status: 201,
    schema: { body: registerConnectorBody, response: { 201: registeredConnectorJson, ...errors } },
    handler: async ({ engine, actor, body }) => toRegisteredConnectorJson(await engine.registeredConnectors.register(actor, body)),
  }),
  route({
    method: 'PUT',
    url: '/api/integration/connectors/:id',
    access: 'admin',
    summary: 'Update a registered connector program',
    description: `Runs \`spec\` again (with the new command when given) and replaces the declaration; the id cannot change. ${security}`,
    tags,
    schema: { params: idParam, body: updateConnectorBody, response: { 200: registeredConnectorJson, ...errors } },
    handler: async ({ engine, actor, params, body }) => toRegisteredConnectorJson(await engine.registeredConnectors.update(actor, params.id, body)),
  }),
  route({
    method: 'DELETE',
    url: '/api/integration/connectors/:id',
    access: 'admin',
    summary: 'Delete a registered connector program',
    description: 'Refused (409 CONNECTOR_IN_USE) while instances use it, and for built-in connectors (409 CONNECTOR_BUILT_IN).',
    tags,
    status: 204,
    schema: { params: idParam, response: { 204: z.null(), ...standardErrors, 409: problem } },
    async handler({ engine, actor, params }) {
      await engine.registeredConnectors.remove(actor, params.id);
      return null;
    },
  }),
];

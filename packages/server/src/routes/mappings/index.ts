import { z } from 'zod';
import { PatchbayError } from '@patchbay/types';
import { route, type AnyRoute } from '../../route-def.ts';
import { pageOf, problem, standardErrors, uuidParam } from '../../schemas/common.ts';
import {
  createMappingBody,
  mappingJson,
  mappingQuery,
  mappingVersionJson,
  testMappingBody,
  testResultJson,
  toMappingJson,
  toMappingVersionJson,
  toTestResultJson,
  toValidationJson,
  updateMappingBody,
  validationJson,
} from '../../schemas/mapping.ts';
import { liveSampleRoutes } from './live-sample.ts';
import { mappingPreviewRoutes } from './preview.ts';

const tags = ['mappings'];
const withConflict = { ...standardErrors, 409: problem };

export const mappingRoutes = [
  route({
    method: 'GET',
    url: '/api/integration/mappings',
    access: 'read',
    summary: 'List data mappings',
    tags,
    schema: { querystring: mappingQuery, response: { 200: pageOf(mappingJson), ...standardErrors } },
    async handler({ engine, actor, query }) {
      const page = await engine.mappings.list(actor, { limit: query.limit, cursor: query.cursor, instanceId: query.instance_id, stream: query.stream });
      return { items: page.items.map(toMappingJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'POST',
    url: '/api/integration/mappings',
    access: 'write',
    summary: 'Create a data mapping (JSONata overrides of a stream\'s OCSF mapping)',
    description: 'Every expression must compile and every target exist in the stream\'s OCSF class: otherwise 400 MAPPING_INVALID naming the field (and the position in the expression). Version 1 (or the next version of the stream), audited.',
    tags,
    status: 201,
    schema: { body: createMappingBody, response: { 201: mappingJson, ...withConflict } },
    async handler({ engine, actor, body }) {
      const row = await engine.mappings.create(actor, {
        name: body.name,
        instanceId: body.instance_id,
        stream: body.stream,
        fieldMappings: body.field_mappings,
        transformations: body.transformations,
        sourceSchema: body.source_schema,
        active: body.active,
      });
      return toMappingJson(row);
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/mappings/:id',
    access: 'read',
    summary: 'Get a data mapping',
    tags,
    schema: { params: uuidParam, response: { 200: mappingJson, ...standardErrors } },
    handler: async ({ engine, actor, params }) => toMappingJson(await engine.mappings.get(actor, params.id)),
  }),
  route({
    method: 'PUT',
    url: '/api/integration/mappings/:id',
    access: 'write',
    summary: 'Replace a data mapping: a new version',
    tags,
    schema: { params: uuidParam, body: updateMappingBody, response: { 200: mappingJson, ...withConflict } },
    async handler({ engine, actor, params, body }) {
      const current = await engine.mappings.get(actor, params.id);
      for (const [field, sent, own] of [['instance_id', body.instance_id, current.instanceId], ['stream', body.stream, current.stream]] as const) {
        if (sent !== undefined && sent !== own) throw new PatchbayError('VALIDATION_FAILED', { field, message: `A mapping's ${field} cannot change (it is ${own})`, hint: 'Create a new mapping for another instance or stream.' });
      }
      const row = await engine.mappings.update(actor, params.id, {
        name: body.name,
        fieldMappings: body.field_mappings,
        transformations: body.transformations,
        sourceSchema: body.source_schema,
        active: body.active,
      });
      return toMappingJson(row);
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/integration/mappings/:id',
    access: 'write',
    summary: 'Delete a data mapping (its versions stay for provenance)',
    tags,
    status: 204,
    schema: { params: uuidParam, response: { 204: z.null(), ...standardErrors } },
    async handler({ engine, actor, params }) {
      await engine.mappings.remove(actor, params.id);
      return null;
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/mappings/:id/versions',
    access: 'read',
    summary: 'List the versions of a data mapping, newest first',
    tags,
    schema: { params: uuidParam, response: { 200: z.object({ items: z.array(mappingVersionJson) }), ...standardErrors } },
    handler: async ({ engine, actor, params }) => ({ items: (await engine.mappings.versions(actor, params.id)).map(toMappingVersionJson) }),
  }),
  route({
    method: 'POST',
    url: '/api/integration/mappings/:id/validate',
    access: 'read',
    summary: 'Validate a data mapping',
    description: "Compiles every expression and checks every target path against the stream's OCSF class; reports all problems and warnings (profile attributes, deprecations).",
    tags,
    schema: { params: uuidParam, response: { 200: validationJson, ...withConflict } },
    handler: async ({ engine, actor, params }) => toValidationJson(await engine.mappings.validate(actor, params.id)),
  }),
  route({
    method: 'POST',
    url: '/api/integration/mappings/:id/test',
    access: 'write',
    summary: 'Test a data mapping with sample data',
    description: "Runs each sample through the connector's own mapper, then the mapping, then OCSF validation, exactly as a sync would; stores nothing.",
    tags,
    schema: { params: uuidParam, body: testMappingBody, response: { 200: testResultJson, ...withConflict } },
    async handler({ engine, actor, params, body }) {
      const result = await engine.mappings.test(actor, params.id, body.samples);
      return toTestResultJson(result.classUid, result.results);
    },
  }),
  ...mappingPreviewRoutes,
  ...liveSampleRoutes,
] as unknown as AnyRoute[];

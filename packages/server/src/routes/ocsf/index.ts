import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { describeClass, describeClasses, describeObject, ocsfSchemaTag, ocsfSchemaVersion } from '@patchbay/engine';
import { route, type AnyRoute } from '../../route-def.ts';
import { standardErrors } from '../../schemas/common.ts';
import { classDetailJson, classListJson, classParams, objectDetailJson, objectParams, toClassDetailJson, toClassListJson, toObjectDetailJson } from '../../schemas/ocsf.ts';

const tags = ['ocsf'];
const ETAG = `"ocsf-${ocsfSchemaTag}"`;
const cached = { ...standardErrors, 304: z.null().describe('Not modified: the ETag sent in If-None-Match is current') };
const CACHING = 'The schema is compiled into the hub and changes only with its OCSF version: responses carry an ETag (a 304 answers a matching If-None-Match) and may be cached privately for a day.';

/** Marks a response cacheable; true when the caller's copy is current (the handler answers 304 and is done). */
function notModified(request: FastifyRequest, reply: FastifyReply): boolean {
  reply.header('etag', ETAG).header('cache-control', 'private, max-age=86400');
  if (request.headers['if-none-match'] !== ETAG) return false;
  void reply.status(304).send();
  return true;
}

/** The pinned OCSF schema, for the mapping designer's schema explorer: classes, and the attributes of classes and objects. */
export const ocsfRoutes = [
  route({
    method: 'GET',
    url: '/api/ocsf/classes',
    access: 'read',
    summary: 'List the OCSF event classes',
    description: `Every event class of the pinned OCSF schema (${ocsfSchemaVersion}): uid, name, caption, category, description. ${CACHING}`,
    tags,
    schema: { response: { 200: classListJson, ...cached } },
    handler: async ({ request, reply }) => (notModified(request, reply) ? null : toClassListJson(ocsfSchemaVersion, describeClasses())),
  }),
  route({
    method: 'GET',
    url: '/api/ocsf/classes/:uid',
    access: 'read',
    summary: 'Describe an OCSF event class and its attributes',
    description: `The class's attributes (inherited and profile ones included): name, caption, type, the object an object_t attribute holds, requirement, description, enum values, deprecation, profile. 404 NOT_FOUND for a uid the schema lacks. ${CACHING}`,
    tags,
    schema: { params: classParams, response: { 200: classDetailJson, ...cached } },
    handler: async ({ request, reply, params }) => {
      const detail = describeClass(params.uid);
      return notModified(request, reply) ? null : toClassDetailJson(ocsfSchemaVersion, detail);
    },
  }),
  route({
    method: 'GET',
    url: '/api/ocsf/objects/:name',
    access: 'read',
    summary: 'Describe an OCSF object and its attributes',
    description: `An object (\`device\`, \`finding_info\`) with its attributes, as for a class: drill into an object_t attribute's object_type. 404 NOT_FOUND for an object the schema lacks. ${CACHING}`,
    tags,
    schema: { params: objectParams, response: { 200: objectDetailJson, ...cached } },
    handler: async ({ request, reply, params }) => {
      const detail = describeObject(params.name);
      return notModified(request, reply) ? null : toObjectDetailJson(ocsfSchemaVersion, detail);
    },
  }),
] as unknown as AnyRoute[];

import { z } from 'zod';
import { PatchbayError } from '@patchbay/types';
import { route } from '../../route-def.ts';
import { standardErrors } from '../../schemas/common.ts';
import { importQuery, importResultJson, toImportResultJson } from '../../schemas/config.ts';

const tags = ['configuration'];
const IMPORT_LIMIT = 5 * 1024 * 1024;

export const configRoutes = [
  route({
    method: 'GET',
    url: '/api/admin/export',
    access: 'admin',
    summary: "Export the organisation's configuration as one YAML document",
    description:
      'Instances (connector, version, non-secret configuration, schedules, action limits), mappings, event subscriptions, webhook endpoints and SIEM destinations, keyed by name. ' +
      'Secrets are never included: credentials appear as named references to create before importing. Equal configurations export as equal text.',
    tags,
    schema: { response: { 200: z.string().describe('application/yaml'), ...standardErrors } },
    async handler({ engine, actor, reply }) {
      const text = await engine.config.exportYaml(actor);
      reply.status(200).type('application/yaml; charset=utf-8').send(text);
      return reply;
    },
  }),
  route({
    method: 'POST',
    url: '/api/admin/import',
    access: 'admin',
    summary: 'Import a configuration document (YAML or JSON): plan, and apply atomically',
    description:
      'Body: the document as `application/yaml`, or the same as JSON. Answers the plan (create, update, unchanged; delete only with `prune=true`). ' +
      'Unknown keys and references to missing credentials, instances or endpoints are a 400 CONFIG_IMPORT_INVALID listing them all in `errors`; nothing is applied then. ' +
      'With `dry_run=true` nothing is applied either. Importing the same document again changes nothing.',
    tags,
    rawBody: true,
    bodyLimit: IMPORT_LIMIT,
    schema: { querystring: importQuery, response: { 200: importResultJson, ...standardErrors } },
    async handler({ engine, actor, query, request }) {
      const body = request.body;
      const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
      if (!text.trim()) throw new PatchbayError('CONFIG_IMPORT_INVALID', { field: 'body', message: 'The body is empty: send the document exported by GET /api/admin/export' });
      return toImportResultJson(await engine.config.import(actor, engine.config.parseYaml(text), { dryRun: query.dry_run, prune: query.prune }));
    },
  }),
];

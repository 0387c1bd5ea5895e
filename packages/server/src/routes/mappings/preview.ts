import { route, type AnyRoute } from '../../route-def.ts';
import { standardErrors } from '../../schemas/common.ts';
import { previewJson, previewMappingBody, samplesJson, samplesQuery, streamParams, toPreviewJson, toSamplesJson } from '../../schemas/mapping-preview.ts';

const tags = ['mappings'];

/** What the mapping designer runs while a mapping is edited: a preview of the unsaved draft, and samples to run it on. */
export const mappingPreviewRoutes = [
  route({
    method: 'POST',
    url: '/api/integration/mappings/preview',
    access: 'read',
    summary: 'Preview an unsaved data mapping on sample records',
    description:
      "Runs each sample through the connector's own mapper, then the draft, then OCSF validation, exactly as a sync (and `/mappings/{id}/test`) would, and stores nothing. " +
      'Per sample: the default OCSF output, the output after the draft, and the errors and warnings with the OCSF path they belong to. ' +
      "The draft's own problems (an expression that does not compile, a target the class lacks) are reported per field with 200, and those parts are left out of the run so the rest still previews; `valid` says whether the draft could be saved. " +
      'Every role may preview: it stores nothing, calls no vendor and shows only what the caller sends run through the connector\'s code. Unknown instance or stream: 404 NOT_FOUND naming the field.',
    tags,
    schema: { body: previewMappingBody, response: { 200: previewJson, ...standardErrors } },
    async handler({ engine, actor, body }) {
      const preview = await engine.mappings.preview(actor, { instanceId: body.instance_id, stream: body.stream, fieldMappings: body.field_mappings, transformations: body.transformations }, body.samples);
      return toPreviewJson(preview);
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/instances/:id/streams/:stream/samples',
    access: 'read',
    summary: 'Recent raw vendor records of a stream, to try a mapping on',
    description:
      'The newest raw payloads the store keeps for the stream: those kept beside records (when the sync that stored them kept raw payloads) and those of records a sync rejected (kept up to 64 KiB). ' +
      'Records normally keep only the payload\'s hash and size: then `raw_payloads_kept` is false, `note` says so, and the designer falls back to a live sample (`POST .../streams/{stream}/sample`) or a pasted record. ' +
      'The payloads are what the vendor sent (as `GET /api/records/{id}` shows them); the hub\'s credentials never appear in them, since connectors never see the vault.',
    tags,
    schema: { params: streamParams, querystring: samplesQuery, response: { 200: samplesJson, ...standardErrors } },
    handler: async ({ engine, actor, params, query }) => toSamplesJson(await engine.mappings.samples(actor, params.id, params.stream, query.limit)),
  }),
] as unknown as AnyRoute[];

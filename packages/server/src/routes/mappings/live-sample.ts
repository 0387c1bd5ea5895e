import { route, type AnyRoute } from '../../route-def.ts';
import { problem, standardErrors } from '../../schemas/common.ts';
import { liveSampleBody, liveSampleJson, toLiveSampleJson } from '../../schemas/live-sample.ts';
import { streamParams } from '../../schemas/mapping-preview.ts';

/** The mapping designer's "Fetch live sample": the first page of a stream, straight from the vendor. */
export const liveSampleRoutes = [
  route({
    method: 'POST',
    url: '/api/integration/instances/:id/streams/:stream/sample',
    access: 'write',
    summary: 'Fetch a live sample: the first page of a stream from the vendor, stored nowhere',
    description:
      "Reads the stream's first page from the vendor exactly as a first sync would (the connector's stream read with the instance's configuration, its credentials from the vault, the installation's rate budget, the private-network rules) and stops there, returning at most `limit` of its raw records. " +
      'It stores nothing: no records, checkpoint, stream state or event. The call is logged in the instance\'s integration logs (operation `sample`) with its counts and HTTP exchanges, never the records or credentials. ' +
      'Write access, since it calls the vendor with the stored credentials; any instance status may sample (a diagnostic). A vendor error is its usual problem (VENDOR_*); an unknown stream is 404 NOT_FOUND naming the field; no first page within 30 s is 504 LIVE_SAMPLE_TIMEOUT (the stream\'s requests are aborted).',
    tags: ['mappings'],
    schema: { params: streamParams, body: liveSampleBody, response: { 200: liveSampleJson, ...standardErrors, 502: problem, 503: problem, 504: problem } },
    handler: async ({ engine, actor, params, body }) => toLiveSampleJson(await engine.liveSample(actor, params.id, params.stream, body.limit)),
  }),
] as unknown as AnyRoute[];

import { hostname } from 'node:os';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { DestinationBatch, DestinationContext } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { hecUrlOf, type SplunkConfig } from '../config.ts';
import { waitForAcks } from './acks.ts';
import { channelOf } from './channel.ts';
import { hecEventOf } from './hec-event.ts';
import { asSendFailure, hecError, parseHecAnswer } from './hec-errors.ts';
import { requestChunks, type RequestChunk } from './request-chunks.ts';

const compress = promisify(gzip);
const thisHost = hostname();

/** Posts one request of the batch; returns its ackId when HEC gave one. */
async function postChunk(ctx: DestinationContext<SplunkConfig>, hecUrl: string, channel: string, chunk: RequestChunk): Promise<number | undefined> {
  const host = new URL(hecUrl).host;
  const body = ctx.config.gzip ? await compress(chunk.body) : chunk.body;
  let response;
  try {
    response = await ctx.http.post<string>(`${hecUrl}/services/collector/event`, body, {
      headers: { 'content-type': 'application/json', 'x-splunk-request-channel': channel, ...(ctx.config.gzip ? { 'content-encoding': 'gzip' } : {}) },
      responseType: 'text',
      // HEC's own 4xx answers carry its error code: read here. 5xx and 429 go through the client's retries.
      acceptStatus: [400, 401, 403, 404, 413],
      operation: 'hec-send',
    });
  } catch (error) {
    throw asSendFailure(error, host);
  }
  const answer = parseHecAnswer(response.body);
  if (response.status !== 200 || answer.code !== 0) throw hecError(response.status, answer, { call: 'send', host, ids: chunk.ids });
  return typeof answer.ackId === 'number' ? answer.ackId : undefined;
}

/**
 * The splunk destination's `send`: the batch as HEC events (hec-event.ts), split into requests of at
 * most `max_batch_bytes` (request-chunks.ts), each gzipped when `gzip` is on and posted in order to
 * `POST /services/collector/event` with `Authorization: Splunk <HEC token>` (the vault adds it) and the
 * instance's channel. With `use_ack`, it then polls the acknowledgements of every request and resolves
 * only when all are indexed: that is what advances the destination's cursor. Without, HEC's Success
 * answer to every request is enough.
 *
 * A failure after some requests went through fails the whole batch: the hub sends it again, so HEC may
 * receive those events twice (at least once; each carries its event id in `fields.event_id`).
 */
export async function sendBatch(ctx: DestinationContext<SplunkConfig>, batch: DestinationBatch): Promise<void> {
  if (batch.events.length === 0) return;
  const hecUrl = hecUrlOf(ctx.config);
  const channel = channelOf(ctx);
  const serialized = batch.events.map((event) => ({ id: event.id, json: Buffer.from(JSON.stringify(hecEventOf(event, batch, ctx.config, thisHost)), 'utf8') }));
  const ackIds: number[] = [];
  for (const chunk of requestChunks(serialized, ctx.config.max_batch_bytes)) {
    const ackId = await postChunk(ctx, hecUrl, channel, chunk);
    if (!ctx.config.use_ack) continue;
    if (ackId === undefined) {
      throw new PatchbayError('CONFIG_INVALID', {
        field: 'configuration.use_ack',
        message: `Splunk HEC at ${new URL(hecUrl).host} took the batch but gave no ackId: indexer acknowledgement is off on this HEC token`,
        hint: 'Enable "Indexer acknowledgement" on the HEC token, or set use_ack to false on the instance. The events sent so far are at HEC; skipping the batch avoids sending them twice.',
      });
    }
    ackIds.push(ackId);
  }
  if (ackIds.length > 0) await waitForAcks(ctx, hecUrl, channel, ackIds);
}

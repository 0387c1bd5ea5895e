import { randomUUID } from 'node:crypto';
import type { DestinationBatch, DestinationContext } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { planCalls } from './calls.ts';
import { API_VERSION, uploadUrlOf, type SentinelConfig } from './config.ts';
import { rowOf } from './row.ts';
import { explain, HANDLED_STATUSES, refusal, type CallContext } from './vendor-errors.ts';

/**
 * Sends a batch to the DCR's stream: `POST {endpoint}/dataCollectionRules/{ruleId}/streams/{stream}
 * ?api-version=2023-01-01` with a JSON array of rows (https://learn.microsoft.com/en-us/azure/azure-monitor/logs/logs-ingestion-api-overview#rest-api-call),
 * cut into calls under the size limit and posted one after the other, in order. It resolves only once
 * every call was answered 204 (the engine then moves the destination's cursor); the first call refused
 * fails the batch, and the engine retries the whole batch later (rows of the calls before it then arrive
 * twice: deduplicate on EventId).
 */
export async function sendBatch(ctx: DestinationContext<SentinelConfig>, batch: DestinationBatch): Promise<void> {
  if (batch.events.length === 0) return;
  const config = ctx.config;
  const rows = batch.events.map((event) => rowOf(event, batch.format));
  const calls = await planCalls(batch.events, rows, { maxBytes: config.max_bytes_per_call, gzip: config.gzip });
  const url = uploadUrlOf(config);
  for (const [index, call] of calls.entries()) {
    const at: CallContext = { call: index + 1, calls: calls.length, requestId: randomUUID(), firstEventId: call.eventIds[0]! };
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-ms-client-request-id': at.requestId };
    if (config.gzip) headers['content-encoding'] = 'gzip';
    let response;
    try {
      response = await ctx.http.post<string>(url, call.body, {
        query: { 'api-version': API_VERSION },
        headers,
        responseType: 'text',
        acceptStatus: HANDLED_STATUSES,
        operation: 'upload-logs',
        signal: ctx.signal,
      });
    } catch (error) {
      throw explain(error, config, at);
    }
    if (response.status === 204) {
      ctx.log.debug({ call: at.call, calls: at.calls, rows: call.eventIds.length, bytes: call.body.length, jsonBytes: call.jsonBytes, requestId: at.requestId }, 'rows ingested');
      continue;
    }
    if ((HANDLED_STATUSES as readonly number[]).includes(response.status)) throw refusal(response, config, at);
    throw new PatchbayError('VENDOR_BAD_RESPONSE', {
      message: `The endpoint answered call ${at.call} of ${at.calls} with ${response.status}, not the documented 204`,
      hint: 'Check that endpoint is an Azure Monitor ingestion endpoint (a proxy may be answering); report it with the request id otherwise.',
      details: { status: response.status, ...at },
    });
  }
}

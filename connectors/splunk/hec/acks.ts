import type { DestinationContext } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import type { SplunkConfig } from '../config.ts';
import { asSendFailure, hecError, parseHecAnswer } from './hec-errors.ts';

/**
 * Polls `POST /services/collector/ack` with `{"acks":[…]}` on the batch's channel until every ackId is
 * `true`, sleeping `ack_poll_ms` between polls on the instance's clock, and fails the batch with
 * DESTINATION_SEND_FAILED when `ack_timeout_seconds` pass first ("About HTTP Event Collector Indexer
 * Acknowledgment": https://docs.splunk.com/Documentation/Splunk/latest/Data/AboutHECIDXAck; the endpoint:
 * https://docs.splunk.com/Documentation/Splunk/latest/RESTREF/RESTinput#services.2Fcollector.2Fack).
 * Splunk forgets an ackId once it reported it true, so each id is asked about until it is.
 */
export async function waitForAcks(ctx: DestinationContext<SplunkConfig>, hecUrl: string, channel: string, ackIds: readonly number[]): Promise<void> {
  const host = new URL(hecUrl).host;
  const deadline = ctx.clock.now().getTime() + ctx.config.ack_timeout_seconds * 1000;
  let waiting = [...new Set(ackIds)];
  for (let poll = 0; waiting.length > 0; poll++) {
    if (poll > 0) {
      if (ctx.clock.now().getTime() + ctx.config.ack_poll_ms > deadline) {
        throw new PatchbayError('DESTINATION_SEND_FAILED', {
          message: `Splunk HEC at ${host} did not acknowledge ${waiting.length} request(s) of the batch within ${ctx.config.ack_timeout_seconds} s (ackIds ${waiting.slice(0, 10).join(', ')})`,
          hint: 'The batch is sent again with backoff (receivers may then index some events twice: deduplicate on event_id). If it persists, check the indexers (the ack waits for indexing) or raise ack_timeout_seconds.',
          details: { pending_ack_ids: waiting.slice(0, 50), channel },
        });
      }
      await ctx.clock.sleep(ctx.config.ack_poll_ms, ctx.signal);
    }
    let response;
    try {
      response = await ctx.http.post<string>(`${hecUrl}/services/collector/ack`, { acks: waiting }, {
        headers: { 'x-splunk-request-channel': channel },
        query: { channel },
        responseType: 'text',
        acceptStatus: [400, 401, 403, 404],
        operation: 'hec-ack',
      });
    } catch (error) {
      throw asSendFailure(error, host);
    }
    if (response.status !== 200) throw hecError(response.status, parseHecAnswer(response.body), { call: 'ack', host });
    const answer = parseAcks(response.body, host);
    waiting = waiting.filter((id) => answer[String(id)] !== true);
  }
}

function parseAcks(text: string, host: string): Readonly<Record<string, unknown>> {
  try {
    const acks = (JSON.parse(text) as { acks?: unknown }).acks;
    if (acks !== null && typeof acks === 'object' && !Array.isArray(acks)) return acks as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `Splunk HEC at ${host} answered the acknowledgement query without an "acks" object`, details: { body: text.slice(0, 120) } });
}

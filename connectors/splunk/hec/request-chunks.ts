import { PatchbayError } from '@patchbay/types';

/** One event serialised for HEC, with the outbox event id it came from. */
export interface SerializedEvent {
  readonly id: string;
  readonly json: Buffer;
}

/** The events of one HEC request, in order, and their body: the JSON objects one after another. */
export interface RequestChunk {
  readonly ids: readonly string[];
  readonly body: Buffer;
}

/**
 * Splits a batch into HEC requests of at most `maxBytes` (before compression), keeping the order. HEC
 * takes several events in one request as JSON objects one after another ("Format events for HTTP Event
 * Collector", "Batch data"). An event larger than the limit on its own can never be sent: the batch is
 * refused with DESTINATION_REJECTED naming it.
 */
export function requestChunks(events: readonly SerializedEvent[], maxBytes: number): RequestChunk[] {
  const chunks: RequestChunk[] = [];
  let parts: Buffer[] = [];
  let ids: string[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length > 0) chunks.push({ ids, body: Buffer.concat(parts, size) });
    parts = [];
    ids = [];
    size = 0;
  };
  for (const event of events) {
    if (event.json.length > maxBytes) {
      throw new PatchbayError('DESTINATION_REJECTED', {
        message: `Event ${event.id} is ${event.json.length} bytes as a HEC event, more than max_batch_bytes (${maxBytes}): HEC cannot take it in one request`,
        hint: 'Raise max_batch_bytes on the instance (within the collector\'s max_content_length), or skip the batch and use a smaller format.',
        details: { event_id: event.id, bytes: event.json.length, limit: maxBytes },
      });
    }
    if (size + event.json.length > maxBytes) flush();
    parts.push(event.json);
    ids.push(event.id);
    size += event.json.length;
  }
  flush();
  return chunks;
}

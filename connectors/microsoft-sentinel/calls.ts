import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { DestinationEvent } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import type { Row } from './row.ts';

const gzip = promisify(gzipCallback);

/** One POST of a batch: consecutive rows, as the body goes on the wire. */
export interface Call {
  /** The JSON array, gzip-compressed when asked. */
  readonly body: Buffer;
  /** Size of the JSON array before compression. */
  readonly jsonBytes: number;
  /** The events whose rows it carries, in batch order. */
  readonly eventIds: readonly string[];
}

export interface CallOptions {
  /** Neither the JSON array nor the body sent may be larger. */
  readonly maxBytes: number;
  readonly gzip: boolean;
}

interface Part {
  readonly id: string;
  readonly json: string;
  readonly bytes: number;
}

function tooLarge(part: Part, bytes: number, options: CallOptions): PatchbayError {
  return new PatchbayError('DESTINATION_SEND_FAILED', {
    message: `The row of event ${part.id} alone takes ${bytes} bytes in a call, over the ${options.maxBytes} bytes a call may carry`,
    hint: 'Skip the batch to the dead-letter queue (POST .../skip), or send a smaller row with a jsonata template. The API takes at most 1 MB per call.',
    details: { event_id: part.id, bytes, max_bytes_per_call: options.maxBytes },
    retryable: false,
  });
}

async function encode(parts: readonly Part[], options: CallOptions): Promise<Call[]> {
  const json = Buffer.from(`[${parts.map((p) => p.json).join(',')}]`, 'utf8');
  const body = options.gzip ? await gzip(json) : json;
  if (body.length <= options.maxBytes) return [{ body, jsonBytes: json.length, eventIds: parts.map((p) => p.id) }];
  // Only compression can push a body that fit as JSON over the limit (incompressible rows near it): halve.
  if (parts.length === 1) throw tooLarge(parts[0]!, body.length, options);
  const half = Math.ceil(parts.length / 2);
  return [...(await encode(parts.slice(0, half), options)), ...(await encode(parts.slice(half), options))];
}

/**
 * Cuts a batch's rows into calls, keeping their order: each call holds as many consecutive rows as fit in
 * `maxBytes` of JSON array, and its body (compressed or not) fits too. The limit holds for the JSON and for
 * the body sent, as "Azure Monitor service limits" states it for both (and as Microsoft's own ingestion
 * clients cut batches on the uncompressed JSON). A row that cannot fit in any call fails the whole batch
 * before anything is sent, so a retry never repeats a part of it.
 */
export async function planCalls(events: readonly DestinationEvent[], rows: readonly Row[], options: CallOptions): Promise<Call[]> {
  const parts: Part[] = rows.map((row, index) => {
    const json = JSON.stringify(row);
    return { id: events[index]!.id, json, bytes: Buffer.byteLength(json, 'utf8') };
  });
  for (const part of parts) if (part.bytes + 2 > options.maxBytes) throw tooLarge(part, part.bytes + 2, options);
  const groups: Part[][] = [];
  let current: Part[] = [];
  let size = 2;
  for (const part of parts) {
    const added = part.bytes + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && size + added > options.maxBytes) {
      groups.push(current);
      current = [];
      size = 2;
    }
    size += part.bytes + (current.length > 0 ? 1 : 0);
    current.push(part);
  }
  if (current.length > 0) groups.push(current);
  const calls: Call[] = [];
  for (const group of groups) calls.push(...(await encode(group, options)));
  return calls;
}

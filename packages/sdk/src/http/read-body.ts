import { PatchbayError } from '@patchbay/types';
import { discardBody } from './transport.ts';

function tooLarge(maxBytes: number, what: string, seen: number): PatchbayError {
  return new PatchbayError('RESPONSE_TOO_LARGE', {
    message: `The response to ${what} is larger than the ${maxBytes}-byte limit`,
    hint: 'Ask for smaller pages, or raise maxBytes for this request if the size is expected.',
    details: { maxBytes, seenBytes: seen },
  });
}

/**
 * Reads a body into memory up to `maxBytes`. A declared Content-Length over the limit fails before
 * reading; otherwise the read stops at the first chunk past the limit (and the stream is released),
 * so no more than the limit is ever held.
 */
export async function readBody(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
  declaredLength: string | null,
  what: string,
): Promise<Uint8Array> {
  const declared = declaredLength === null ? Number.NaN : Number(declaredLength);
  if (declared > maxBytes) {
    await discardBody(body);
    throw tooLarge(maxBytes, what, declared);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge(maxBytes, what, total);
    chunks.push(chunk);
  }
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  return Buffer.concat(chunks, total);
}

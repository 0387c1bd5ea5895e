import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PatchbayError } from '@patchbay/types';
import { asSendFailure, hecError, parseHecAnswer, type HecAnswer } from './hec-errors.ts';

/** HAND-WRITTEN HEC answers, one per documented code (fixtures/hec-answers.json, see fixtures/README.md). */
const fixture = JSON.parse(readFileSync(new URL('../fixtures/hec-answers.json', import.meta.url), 'utf8')) as { exchanges: { request: { url: string }; response: { status: number; body: { json: HecAnswer } } }[] };
const answers = fixture.exchanges.map((e) => ({ status: e.response.status, answer: e.response.body.json, ack: e.request.url.includes('/ack') }));
const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];

describe('reading HEC answers', () => {
  it('gives each documented error code its stable error code', () => {
    const read = answers
      .filter((a) => a.answer.code !== undefined && a.answer.code !== 0 && a.answer.code !== 17 && a.status < 500)
      .map((a) => [a.answer.code, hecError(a.status, a.answer, { call: a.ack ? 'ack' : 'send', host: 'splunk.example.com:8088', ids }).code]);
    expect(read).toEqual([
      [1, 'VENDOR_AUTH_FAILED'],
      [2, 'VENDOR_AUTH_FAILED'],
      [3, 'VENDOR_AUTH_FAILED'],
      [4, 'VENDOR_AUTH_FAILED'],
      [5, 'DESTINATION_REJECTED'],
      [6, 'DESTINATION_REJECTED'],
      [7, 'DESTINATION_REJECTED'],
      [10, 'VENDOR_REQUEST_REJECTED'],
      [11, 'VENDOR_REQUEST_REJECTED'],
      [12, 'DESTINATION_REJECTED'],
      [13, 'DESTINATION_REJECTED'],
      [14, 'CONFIG_INVALID'],
      [15, 'DESTINATION_REJECTED'],
    ]);
  });

  it('names the refused event, and gives every error a hint', () => {
    const invalid = answers.find((a) => a.answer.code === 6)!;
    const error = hecError(invalid.status, invalid.answer, { call: 'send', host: 'h:8088', ids });
    expect(error).toMatchObject({ message: `Splunk HEC at h:8088 refused the batch (400, HEC code 6: Invalid data format); the event it could not take is ${ids[1]}`, details: { hec_code: 6, invalid_event_number: 1, event_id: ids[1] } });
    for (const a of answers.filter((x) => x.status >= 400 && x.status < 500)) expect(hecError(a.status, a.answer, { call: 'send', host: 'h' }).hint).toEqual(expect.any(String));
  });

  it('reads an answer that is not HEC JSON (a proxy page) by its status', () => {
    expect(parseHecAnswer('<html>Bad gateway</html>')).toEqual({});
    expect(hecError(413, {}, { call: 'send', host: 'h' })).toMatchObject({ code: 'DESTINATION_REJECTED', hint: expect.stringContaining('max_batch_bytes') });
    expect(hecError(404, {}, { call: 'send', host: 'h' })).toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', hint: expect.stringContaining('hec_url') });
    expect(hecError(401, {}, { call: 'send', host: 'h' }).code).toBe('VENDOR_AUTH_FAILED');
  });

  it('makes an unavailable collector a retryable send failure and leaves other errors alone', () => {
    const busy = asSendFailure(new PatchbayError('VENDOR_UNAVAILABLE', { message: 'x', details: { status: 503 }, retryAfterMs: 2000 }), 'h');
    expect(busy).toMatchObject({ code: 'DESTINATION_SEND_FAILED', retryable: true, retryAfterMs: 2000, message: expect.stringContaining('server is busy or down (503, HEC code 9') });
    const tls = asSendFailure(new PatchbayError('VENDOR_UNAVAILABLE', { message: 'The TLS connection for POST h failed (CERT_HAS_EXPIRED)', hint: 'Check the certificate', retryable: false }), 'h');
    expect(tls).toMatchObject({ code: 'DESTINATION_SEND_FAILED', retryable: false, hint: 'Check the certificate' });
    const blocked = new PatchbayError('PRIVATE_NETWORK_BLOCKED');
    expect(asSendFailure(blocked, 'h')).toBe(blocked);
  });
});

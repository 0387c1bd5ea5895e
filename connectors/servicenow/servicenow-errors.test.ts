import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '@patchbay/sdk';
import { ticketCallError, vendorErrorOf } from './servicenow-errors.ts';
import { fixture } from './testing/fixtures.ts';

// ServiceNow's error answers, hand-written following its documented format (fixtures/errors.json).
const answers = fixture('errors.json').exchanges.map(({ response }): HttpResponse => ({
  status: response.status,
  headers: new Headers(response.headers),
  url: 'https://acme.service-now.com/api/now/table/incident',
  body: response.body?.json,
  bytes: 0,
  durationMs: 1,
}));
const answer = (status: number, detail: RegExp) => answers.find((a) => a.status === status && detail.test(JSON.stringify(a.body)))!;

describe('ServiceNow error answers of ticket calls', () => {
  it('reads message and detail out of the error body', () => {
    expect(vendorErrorOf(answer(404, /No Record/))).toEqual({ message: 'No Record found', detail: "Record doesn't exist or ACL restricts the record retrieval" });
    expect(vendorErrorOf({ ...answers[0]!, body: 'not json' })).toEqual({});
  });

  it('404 is NOT_FOUND; a 403 ACL is VENDOR_PERMISSION_DENIED naming itil; a 403 data policy and a 400 are VENDOR_REQUEST_REJECTED with the vendor words', () => {
    expect(ticketCallError(answer(404, /No Record/), 'incident 0123', 'get-incident')).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/incident 0123/) });
    expect(ticketCallError(answer(403, /ACL Exception/), 'incident ef43', 'update-incident')).toMatchObject({
      code: 'VENDOR_PERMISSION_DENIED',
      message: expect.stringMatching(/update incident.*ACL Exception Update Failed/),
      details: { permission: 'itil', status: 403 },
    });
    expect(ticketCallError(answer(403, /Data Policy/), 'incident 9d38', 'update-incident')).toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', message: expect.stringMatching(/Resolution code, Resolution notes/), hint: expect.stringMatching(/close_code/) });
    expect(ticketCallError(answer(400, /Invalid table/), 'a new incident', 'create-incident')).toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', message: expect.stringMatching(/Invalid table incidnet/) });
  });

  it('masks long token-like runs a vendor message may echo', () => {
    const echoed = { ...answers[0]!, status: 400, body: { error: { message: 'Bad value', detail: `token ${'a'.repeat(48)} refused` } } };
    expect(ticketCallError(echoed, 'a new incident', 'create-incident').message).toMatch(/token \[REDACTED\] refused/);
  });
});

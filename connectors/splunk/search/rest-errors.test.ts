import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jobGone, refusal, restMessages } from './rest-errors.ts';

/** HAND-WRITTEN splunkd error answers (fixtures/rest-errors.json, see fixtures/README.md). */
const fixture = JSON.parse(readFileSync(new URL('../fixtures/rest-errors.json', import.meta.url), 'utf8')) as { exchanges: { response: { status: number; body: { json: unknown } } }[] };
const [unauthenticated, refused, unknown, failed] = fixture.exchanges.map((e) => e.response.body.json);

describe('splunkd error messages', () => {
  it('reads the messages envelope of errors and of a job status', () => {
    expect(restMessages(unauthenticated)).toBe('call not properly authenticated');
    expect(restMessages(unknown)).toBe('Unknown sid.');
    const content = (failed as { entry: { content: { messages: unknown } }[] }).entry[0]!.content;
    expect(restMessages({ messages: content.messages })).toMatch(/^Search not executed: The maximum number of concurrent historical searches/);
    expect(restMessages({ messages: [{ type: 'INFO' }] })).toBeUndefined();
    expect(restMessages('<html/>')).toBeUndefined();
  });

  it('turns a refused search into VENDOR_REQUEST_REJECTED quoting splunkd, and a forgotten job into PAGE_TOKEN_EXPIRED', () => {
    expect(refusal('refused the search', refused, 'Check notable_search')).toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', message: "Splunk refused the search: Error in 'search' command: Unable to parse the search: unbalanced parentheses.", hint: 'Check notable_search' });
    expect(jobGone('1777630800.42')).toMatchObject({ code: 'PAGE_TOKEN_EXPIRED', retryable: true, details: { sid: '1777630800.42' } });
  });
});

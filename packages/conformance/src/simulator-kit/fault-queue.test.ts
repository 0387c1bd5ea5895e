import { describe, expect, it } from 'vitest';
import type { Fault } from '../simulator.ts';
import { FaultQueue } from './fault-queue.ts';

const first = { continuation: false };
const next = { continuation: true };

/** The kind of fault each request gets, in order (`-` for none). */
function serve(queue: FaultQueue, ...requests: { continuation: boolean }[]): string[] {
  return requests.map((r) => queue.take(r)?.kind ?? '-');
}

describe('FaultQueue', () => {
  it('applies a fault to the next request by default, once', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'malformed-json' });
    expect(serve(queue, first, first)).toEqual(['malformed-json', '-']);
  });

  it('lets afterRequests requests through first', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'rate-limit', retryAfterSeconds: 7 }, { afterRequests: 2 });
    expect(serve(queue, first, next, first, first)).toEqual(['-', '-', 'rate-limit', '-']);
  });

  it('returns the fault as injected', () => {
    const queue = new FaultQueue();
    const fault: Fault = { kind: 'rate-limit', retryAfterSeconds: 7 };
    queue.add(fault);
    expect(queue.take(first)).toBe(fault);
  });

  it('keeps page faults for a continuation, skipping the requests in between', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'expire-page-token' });
    queue.add({ kind: 'empty-page' });
    expect(serve(queue, first, first, next, first, next, next)).toEqual(['-', '-', 'expire-page-token', '-', 'empty-page', '-']);
  });

  it('counts afterRequests before a page fault starts looking for a continuation', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'empty-page' }, { afterRequests: 2 });
    expect(serve(queue, next, next, first, next)).toEqual(['-', '-', '-', 'empty-page']);
  });

  it('answers count requests in a row with server-errors', () => {
    const queue = new FaultQueue();
    const burst: Fault = { kind: 'server-errors', count: 3 };
    queue.add(burst, { afterRequests: 1 });
    expect(serve(queue, first, first, next, first, first)).toEqual(['-', 'server-errors', 'server-errors', 'server-errors', '-']);
  });

  it('gives a request at most one fault, and the next due one to the next request', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'rate-limit', retryAfterSeconds: 1 });
    queue.add({ kind: 'malformed-json' });
    queue.add({ kind: 'unauthorized-once' });
    expect(serve(queue, first, first, first, first)).toEqual(['rate-limit', 'malformed-json', 'unauthorized-once', '-']);
  });

  it('finishes a server-errors burst before the fault injected after it', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'server-errors', count: 2 });
    queue.add({ kind: 'malformed-json' });
    expect(serve(queue, first, first, first, first)).toEqual(['server-errors', 'server-errors', 'malformed-json', '-']);
  });

  it('gives an earlier page fault precedence on a continuation, the later fault meanwhile taking other requests', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'empty-page' });
    queue.add({ kind: 'malformed-json' });
    queue.add({ kind: 'rate-limit', retryAfterSeconds: 1 });
    expect(serve(queue, first, next, next, first)).toEqual(['malformed-json', 'empty-page', 'rate-limit', '-']);
  });

  it('counts a request towards afterRequests even when it gets another fault', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'server-errors', count: 2 });
    queue.add({ kind: 'malformed-json' }, { afterRequests: 1 });
    expect(serve(queue, first, first, first)).toEqual(['server-errors', 'server-errors', 'malformed-json']);
    queue.add({ kind: 'server-errors', count: 1 });
    queue.add({ kind: 'unauthorized-once' }, { afterRequests: 1 });
    // The second request is the first one past unauthorized-once's wait, and nothing else is due.
    expect(serve(queue, first, first, first)).toEqual(['server-errors', 'unauthorized-once', '-']);
  });

  it('takes a request without traits as no continuation', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'empty-page' });
    queue.add({ kind: 'rate-limit', retryAfterSeconds: 1 });
    expect(queue.take()?.kind).toBe('rate-limit');
    expect(queue.take()).toBeUndefined();
    expect(queue.take(next)?.kind).toBe('empty-page');
  });

  it('applies only the continuationOnly kinds to continuations when given', () => {
    const onlyEmpty = new FaultQueue({ continuationOnly: ['empty-page'] });
    onlyEmpty.add({ kind: 'empty-page' });
    onlyEmpty.add({ kind: 'expire-page-token' });
    expect(serve(onlyEmpty, first, first, next)).toEqual(['expire-page-token', '-', 'empty-page']);

    const none = new FaultQueue({ continuationOnly: [] });
    none.add({ kind: 'empty-page' });
    none.add({ kind: 'expire-page-token' });
    expect([none.take()?.kind, none.take()?.kind, none.take()?.kind]).toEqual(['empty-page', 'expire-page-token', undefined]);
  });
});

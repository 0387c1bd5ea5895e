import { describe, expect, it } from 'vitest';
import { createFakeLogger, waitFor } from '@patchbay/sdk/testing';
import { ManualClock, PatchbayError, Secret, systemClock } from '@patchbay/types';
import { alive, scripted } from './fixtures/scripted.ts';
import { resolveLimits, type ProcessLimitsInput } from './limits.ts';
import type { ProcessOperation } from './protocol.ts';
import { requestAnswer } from './request-answer.ts';
import { readPages } from './read-pages.ts';
import { z } from 'zod';

const config = { items: 3, page_size: 2 };

function options(scenario: string, operation: ProcessOperation, limits: ProcessLimitsInput = {}) {
  const log = createFakeLogger();
  return { log, run: { program: scripted(scenario), name: 'scripted-program', operation, request: { config, stream: 'findings', checkpoint: null }, clock: systemClock, log, limits: resolveLimits(limits) } };
}

async function failure(promise: Promise<unknown>): Promise<PatchbayError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PatchbayError);
  return error as PatchbayError;
}

async function drain(iterable: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** The pid a hanging scenario logs before it hangs. */
const pidOf = (log: ReturnType<typeof createFakeLogger>) => () => (log.find('hanging')[0]!.fields.fields as { pid: number }).pid;

describe('runProgram', () => {
  it('answers spec and passes LOG lines to the log', async () => {
    const { run } = options('well-behaved', 'spec');
    const answer = await requestAnswer({ ...run, operation: 'spec' }, 'SPEC');
    expect(answer.spec).toMatchObject({ id: 'scripted-program', streams: [{ name: 'findings' }] });
  });

  it('yields a page per STATE with the records before it', async () => {
    const { run } = options('well-behaved', 'read');
    const pages = (await drain(readPages({ ...run, stream: 'findings', checkpointSchema: z.object({ offset: z.number() }) }))) as { records: { id: string }[]; checkpoint: unknown }[];
    expect(pages.map((p) => [p.records.map((r) => r.id), p.checkpoint])).toEqual([
      [['f-1', 'f-2'], { offset: 2 }],
      [['f-3'], { offset: 3 }],
    ]);
  });

  it.each([
    ['malformed', 'read', /line 2 is not JSON/],
    ['unknown-type', 'read', /unknown message type "HELLO"/],
    ['wrong-answer', 'read', /RESULT is not an answer to read/],
    ['no-answer', 'check', /exited without a CHECK message/],
    ['records-without-state', 'read', /exited after 1 record\(s\) without a STATE/],
    ['bad-checkpoint', 'read', /STATE.checkpoint does not match .*checkpoint.offset/],
    ['too-many-records', 'read', /more than 5 records without a STATE/],
  ] as const)('%s: a clear PROCESS_PROTOCOL_ERROR', async (scenario, operation, message) => {
    const { run } = options(scenario, operation, { maxPageRecords: 5 });
    const work = operation === 'read' ? drain(readPages({ ...run, stream: 'findings', checkpointSchema: z.object({ offset: z.number() }) })) : requestAnswer({ ...run, operation: 'check' }, 'CHECK');
    const error = await failure(work);
    expect(error.code).toBe('PROCESS_PROTOCOL_ERROR');
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(/PROTOCOL\.md/);
  });

  it('refuses a line longer than the limit without buffering it', async () => {
    const { run } = options('big-line', 'check', { maxLineBytes: 1024 });
    const error = await failure(requestAnswer({ ...run, operation: 'check' }, 'CHECK'));
    expect(error).toMatchObject({ code: 'PROCESS_PROTOCOL_ERROR', message: expect.stringMatching(/line 1 is longer than 1024 bytes/) });
  });

  it('reports a crash with its exit code and stderr tail, and an unknown program code as PROCESS_FAILED', async () => {
    const crash = await failure(requestAnswer({ ...options('crash', 'check').run, operation: 'check' }, 'CHECK'));
    expect(crash).toMatchObject({ code: 'PROCESS_FAILED', details: { exit_code: 3, stderr_tail: 'Traceback: something broke' } });
    const custom = await failure(requestAnswer({ ...options('unknown-error-code', 'check').run, operation: 'check' }, 'CHECK'));
    expect(custom).toMatchObject({ code: 'PROCESS_FAILED', message: 'custom failure', details: { program_code: 'MY_OWN_CODE' } });
  });

  it('maps an ERROR message to its code and keeps its retry decision', async () => {
    const { run } = options('well-behaved', 'read');
    const error = await failure(drain(readPages({ ...run, request: { config: { ...config, fail_after_pages: 1 }, checkpoint: null }, stream: 'findings', checkpointSchema: z.object({ offset: z.number() }) })));
    expect(error).toMatchObject({ code: 'VENDOR_UNAVAILABLE', retryable: true, message: 'simulated outage' });
  });

  it('says so when the command cannot be started', async () => {
    const { run } = options('well-behaved', 'spec');
    const error = await failure(requestAnswer({ ...run, operation: 'spec', program: { command: '/nonexistent/patchbay-program', args: [] } }, 'SPEC'));
    expect(error).toMatchObject({ code: 'PROCESS_FAILED', message: expect.stringMatching(/could not be started: ENOENT/) });
  });

  it('stops a silent program at the idle timeout (manual clock) and kills it', async () => {
    const clock = new ManualClock();
    const { run, log } = options('hang', 'check', { idleTimeoutMs: 30_000 });
    const work = failure(requestAnswer({ ...run, operation: 'check', clock }, 'CHECK'));
    await waitFor(() => log.find('hanging').length > 0 && clock.pending >= 2);
    const pid = pidOf(log)();
    clock.advance(30_000);
    expect(await work).toMatchObject({ code: 'PROCESS_TIMEOUT', retryable: true, message: expect.stringMatching(/sent nothing for 30000 ms/) });
    expect(alive(pid)).toBe(false);
  });

  it('stops a program at the operation timeout even while it keeps talking', async () => {
    const clock = new ManualClock();
    const { run, log } = options('hang', 'check', { timeoutMs: { check: 60_000 }, idleTimeoutMs: 600_000 });
    const work = failure(requestAnswer({ ...run, operation: 'check', clock }, 'CHECK'));
    await waitFor(() => log.find('hanging').length > 0 && clock.pending >= 2);
    clock.advance(60_000);
    expect(await work).toMatchObject({ code: 'PROCESS_TIMEOUT', message: expect.stringMatching(/did not finish within 60000 ms/) });
  });

  it('kills the program when the operation is cancelled', async () => {
    const controller = new AbortController();
    const { run, log } = options('hang', 'check');
    const work = failure(requestAnswer({ ...run, operation: 'check', signal: controller.signal }, 'CHECK'));
    await waitFor(() => log.find('hanging').length > 0);
    const pid = pidOf(log)();
    expect(alive(pid)).toBe(true);
    controller.abort();
    expect((await work).code).toBe('REQUEST_CANCELLED');
    expect(alive(pid)).toBe(false);
  });

  it('sends SIGKILL when SIGTERM is ignored', async () => {
    const controller = new AbortController();
    const { run, log } = options('ignore-term', 'check', { killGraceMs: 150 });
    const work = failure(requestAnswer({ ...run, operation: 'check', signal: controller.signal }, 'CHECK'));
    await waitFor(() => log.find('hanging').length > 0);
    const pid = pidOf(log)();
    const started = Date.now();
    controller.abort();
    expect((await work).code).toBe('REQUEST_CANCELLED');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(alive(pid)).toBe(false);
  });

  it('stops the program when the reader stops early', async () => {
    const { run } = options('page-then-hang', 'read');
    let pid = 0;
    for await (const page of readPages({ ...run, stream: 'findings', checkpointSchema: z.object({ offset: z.number() }) })) {
      pid = Number(page.records[0]!.pid);
      expect(alive(pid)).toBe(true);
      break;
    }
    expect(alive(pid)).toBe(false);
  });

  it('gives credentials on stdin only: never in argv or the environment, and redacted from LOG and stderr', async () => {
    const secret = 'tok_9f8e7d6c5b4a-very-secret';
    process.env.PATCHBAY_TEST_PARENT_SECRET = 'parent-env-secret-value';
    const { run, log } = options('well-behaved', 'invoke');
    const credentials = { type: 'bearer', values: { token: new Secret(secret), username: 'svc' } };
    const answer = await requestAnswer({ ...run, operation: 'invoke', credentials, request: { action: 'echo-request', input: { q: 1 } } }, 'RESULT');
    delete process.env.PATCHBAY_TEST_PARENT_SECRET;
    const seen = answer.output as { argv: string[]; env: Record<string, string>; credentials: unknown; input: unknown };
    expect(seen.credentials).toEqual({ type: 'bearer', values: { token: secret, username: 'svc' } });
    expect(seen.input).toEqual({ q: 1 });
    expect(JSON.stringify(seen.argv)).not.toContain(secret);
    expect(JSON.stringify(seen.env)).not.toContain(secret);
    expect(Object.keys(seen.env).every((k) => ['PATH', 'HOME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR'].includes(k))).toBe(true);
    await waitFor(() => log.text().includes('stderr sees'));
    expect(log.text()).not.toContain(secret);
    expect(log.find('token is [REDACTED]')).toHaveLength(1);
    expect(log.text()).toContain('stderr sees [REDACTED]');
  });

  it('copies stderr into the log up to the limit and counts the rest', async () => {
    const { run, log } = options('noisy-stderr', 'check', { maxStderrBytes: 200 });
    await requestAnswer({ ...run, operation: 'check' }, 'CHECK');
    await waitFor(() => log.find('connector program stderr exceeded the log limit').length === 1);
    const copied = log.find('connector program stderr');
    expect(copied.length).toBeGreaterThan(5);
    expect(copied.length).toBeLessThan(20);
    expect(log.find('connector program stderr exceeded the log limit')[0]!.fields.stderr_dropped_bytes).toBeGreaterThan(1000);
  });
});

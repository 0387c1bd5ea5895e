import { ManualClock } from '@patchbay/types';
import { describe, expect, it, vi } from 'vitest';
import type { ChunkId, ExportJobState, ExportJobStatus } from './export-job-state.ts';
import { runExportJob, type ExportChunkPage, type ExportJobOptions } from './export-job.ts';

/** Runs `promise` to completion, advancing the manual clock whenever the code under test sleeps. */
async function drive<T>(clock: ManualClock, promise: Promise<T>): Promise<T> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    await new Promise((resolve) => setImmediate(resolve));
    if (clock.pending > 0) clock.advance(60_000);
  }
  return promise;
}

/** A Tenable-like export: chunks become available over successive polls; jobs can expire. */
function tenable(script: ExportJobStatus[]) {
  const calls = { started: 0, polls: 0, downloads: [] as [string, ChunkId][] };
  const options = {
    start: async () => `job-${++calls.started}`,
    poll: async () => script[Math.min(calls.polls++, script.length - 1)] as ExportJobStatus,
    download: async (jobId: string, chunk: ChunkId) => {
      calls.downloads.push([jobId, chunk]);
      return [{ chunk, asset: `asset-${chunk}` }];
    },
  };
  return { calls, options };
}

async function collect(clock: ManualClock, options: Omit<ExportJobOptions<unknown>, 'clock'>, stopAfter = Number.POSITIVE_INFINITY) {
  const pages: ExportChunkPage<unknown>[] = [];
  await drive(
    clock,
    (async () => {
      for await (const page of runExportJob({ ...options, clock })) {
        pages.push(page);
        if (pages.length >= stopAfter) break;
      }
    })(),
  );
  return pages;
}

const running = (...chunks: number[]): ExportJobStatus => ({ status: 'running', chunks });
const finished = (...chunks: number[]): ExportJobStatus => ({ status: 'finished', chunks });

describe('runExportJob', () => {
  it('starts, stores the job id first, polls with backoff and downloads chunks one by one', async () => {
    const clock = new ManualClock();
    const sleep = vi.spyOn(clock, 'sleep');
    const { calls, options } = tenable([running(), running(), running(1), running(1), finished(1, 2)]);
    const pages = await collect(clock, { ...options, state: undefined });
    expect(pages.map((p) => [p.chunk, p.records.length, p.state?.finishedChunks ?? null])).toEqual([
      [null, 0, []],
      [1, 1, [1]],
      [2, 1, [1, 2]],
      [null, 0, null],
    ]);
    expect(pages[0]?.state).toEqual({ jobId: 'job-1', startedAt: '2026-01-01T00:00:00.000Z', finishedChunks: [] });
    expect(calls.downloads).toEqual([
      ['job-1', 1],
      ['job-1', 2],
    ]);
    // 1 s, 2 s with nothing ready; chunk 1 resets the backoff; then 1 s again.
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([1000, 2000, 1000]);
  });

  it('resumes a job without starting another and skips the chunks already finished', async () => {
    const { calls, options } = tenable([finished(1, 2, 3)]);
    const state: ExportJobState = { jobId: 'job-7', startedAt: '2026-01-01T00:00:00.000Z', finishedChunks: [1, 2] };
    const pages = await collect(new ManualClock(), { ...options, state });
    expect(calls.started).toBe(0);
    expect(calls.downloads).toEqual([['job-7', 3]]);
    expect(pages.map((p) => p.chunk)).toEqual([3, null]);
  });

  it('picks up after a crash mid-export from the last stored state', async () => {
    const clock = new ManualClock();
    const first = tenable([running(1, 2), finished(1, 2, 3)]);
    const crashed = await collect(clock, { ...first.options, state: undefined }, 2);
    const stored = crashed.at(-1)?.state ?? undefined;
    expect(stored?.finishedChunks).toEqual([1]);
    const second = tenable([finished(1, 2, 3)]);
    const pages = await collect(clock, { ...second.options, state: stored });
    expect(second.calls.downloads).toEqual([
      ['job-1', 2],
      ['job-1', 3],
    ]);
    expect(pages.at(-1)?.state).toBeNull();
  });

  it('starts a new job when the stored one expired', async () => {
    const { calls, options } = tenable([{ status: 'expired', chunks: [] }, finished(1)]);
    const pages = await collect(new ManualClock(), { ...options, state: { jobId: 'gone', startedAt: '2025-12-01T00:00:00.000Z', finishedChunks: [1, 2] } });
    expect(pages.map((p) => [p.chunk, p.state?.jobId ?? null, p.state?.finishedChunks ?? null])).toEqual([
      [null, 'job-1', []],
      [1, 'job-1', [1]],
      [null, null, null],
    ]);
    expect(calls.started).toBe(1);
  });

  it('fails on a failed job and times out when nothing becomes ready', async () => {
    const failed = tenable([{ status: 'failed', chunks: [] }]);
    await expect(collect(new ManualClock(), { ...failed.options, state: undefined })).rejects.toMatchObject({ code: 'VENDOR_UNAVAILABLE', retryable: true });
    const stuck = tenable([running()]);
    await expect(collect(new ManualClock(), { ...stuck.options, state: undefined, timeoutMs: 10 * 60_000, backoff: { maxMs: 60_000 } })).rejects.toMatchObject({
      code: 'VENDOR_TIMEOUT',
    });
  });

  it('stops waiting when the signal aborts', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const { options } = tenable([running()]);
    const pages = runExportJob({ ...options, clock, signal: controller.signal, state: undefined });
    await pages.next();
    const waiting = pages.next();
    while (clock.pending === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('shutdown'));
    await expect(waiting).rejects.toThrow('shutdown');
  });
});

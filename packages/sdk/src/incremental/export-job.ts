import { PatchbayError, type Clock } from '@patchbay/types';
import { nextDelay, type ChunkId, type ExportBackoff, type ExportJobState, type ExportJobStatus } from './export-job-state.ts';

export interface ExportJobOptions<Raw> {
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  /** The stored state of an export in progress; undefined to start a new one. */
  readonly state: ExportJobState | undefined;
  /** Starts an export (Tenable `POST /vulns/export`) and returns its job id. */
  readonly start: () => Promise<string>;
  /** Polls the job (`GET /vulns/export/{uuid}/status`). An unknown job should map to `expired`. */
  readonly poll: (jobId: string) => Promise<ExportJobStatus>;
  /** Downloads one chunk (`GET /vulns/export/{uuid}/chunks/{id}`). */
  readonly download: (jobId: string, chunk: ChunkId) => Promise<readonly Raw[]>;
  readonly backoff?: ExportBackoff;
  /** Give up with VENDOR_TIMEOUT after this long without a new chunk (default 1 hour). */
  readonly timeoutMs?: number;
}

/**
 * One downloaded chunk and the state to store after it. The first page (no records, `chunk` null) holds
 * the new job id, so a restart polls that job instead of starting another; the last (`state` null)
 * says the export is complete.
 */
export interface ExportChunkPage<Raw> {
  readonly records: readonly Raw[];
  readonly chunk: ChunkId | null;
  readonly state: ExportJobState | null;
}

async function begin(options: ExportJobOptions<unknown>): Promise<ExportJobState> {
  const jobId = await options.start();
  return { jobId, startedAt: options.clock.now().toISOString(), finishedChunks: [] };
}

/**
 * A vendor export job: start it, poll with backoff on `ctx.clock`, download ready chunks one by one.
 * Each chunk is recorded in the state after it is yielded, so a restart skips the chunks already done.
 * A job that expired is started again; a failed one throws VENDOR_UNAVAILABLE (retryable).
 */
export async function* runExportJob<Raw>(options: ExportJobOptions<Raw>): AsyncGenerator<ExportChunkPage<Raw>, void, undefined> {
  let state: ExportJobState;
  if (options.state === undefined) {
    state = await begin(options);
    yield { records: [], chunk: null, state };
  } else {
    state = options.state;
  }
  const initialDelay = options.backoff?.initialMs ?? 1000;
  let delay = initialDelay;
  let lastProgress = options.clock.now().getTime();
  for (;;) {
    options.signal?.throwIfAborted();
    const status = await options.poll(state.jobId);
    if (status.status === 'failed') {
      throw new PatchbayError('VENDOR_UNAVAILABLE', { message: 'The vendor export job failed', details: { jobId: state.jobId } });
    }
    if (status.status === 'expired') {
      state = await begin(options);
      yield { records: [], chunk: null, state };
      continue;
    }
    const done: ReadonlySet<string> = new Set(state.finishedChunks.map(String));
    const ready: ChunkId[] = status.chunks.filter((chunk) => !done.has(String(chunk)));
    for (const chunk of ready) {
      const records = await options.download(state.jobId, chunk);
      state = { ...state, finishedChunks: [...state.finishedChunks, chunk] };
      yield { records, chunk, state };
    }
    if (status.status === 'finished') {
      yield { records: [], chunk: null, state: null };
      return;
    }
    const now = options.clock.now().getTime();
    if (ready.length > 0) {
      delay = initialDelay;
      lastProgress = now;
      continue;
    }
    if (now - lastProgress >= (options.timeoutMs ?? 3_600_000)) {
      throw new PatchbayError('VENDOR_TIMEOUT', { message: 'The vendor export job made no progress in time', details: { jobId: state.jobId } });
    }
    await options.clock.sleep(delay, options.signal);
    delay = nextDelay(delay, options.backoff);
  }
}

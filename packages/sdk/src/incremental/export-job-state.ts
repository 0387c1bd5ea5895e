import { z } from 'zod';

export const chunkIdSchema = z.union([z.string(), z.number()]);
/** A vendor's chunk id (Tenable numbers its chunks). */
export type ChunkId = z.output<typeof chunkIdSchema>;

/** Checkpoint of a running export: the job, and the chunks already downloaded and yielded. */
export const exportJobStateSchema = z.object({
  jobId: z.string(),
  startedAt: z.string(),
  finishedChunks: z.array(chunkIdSchema),
});
export type ExportJobState = z.output<typeof exportJobStateSchema>;

/** What one status poll says, mapped by the connector from the vendor's own words. */
export interface ExportJobStatus {
  /**
   * `running`: queued or processing (Tenable QUEUED, PROCESSING); `finished`: every chunk is listed;
   * `failed`: the vendor gave up (ERROR); `expired`: the job is gone or cancelled, start a new one.
   */
  readonly status: 'running' | 'finished' | 'failed' | 'expired';
  /** Chunks ready for download now (Tenable `chunks_available`). */
  readonly chunks: readonly ChunkId[];
}

export interface ExportBackoff {
  /** First wait between polls (default 1 s). */
  readonly initialMs?: number;
  /** Longest wait between polls (default 30 s). */
  readonly maxMs?: number;
  /** Growth per poll without news (default 2). */
  readonly factor?: number;
}

/** The next poll delay: grows by `factor` up to `maxMs`. */
export function nextDelay(current: number, backoff: ExportBackoff = {}): number {
  return Math.min(current * (backoff.factor ?? 2), backoff.maxMs ?? 30_000);
}

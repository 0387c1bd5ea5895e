import type { ProcessOperation } from './protocol.ts';

/** What the engine allows a connector program: time, line and page sizes, logging. */
export interface ProcessLimits {
  /** The whole operation, from start to exit. */
  readonly timeoutMs: Readonly<Record<ProcessOperation, number>>;
  /** Longest silence between two messages while the engine waits for the next one. */
  readonly idleTimeoutMs: number;
  /** Longest stdout line (one message), in bytes. */
  readonly maxLineBytes: number;
  /** Most RECORD messages before a STATE: a page is held in memory until its STATE arrives. */
  readonly maxPageRecords: number;
  /** Most bytes of RECORD lines before a STATE. */
  readonly maxPageBytes: number;
  /** stderr bytes copied into the log per run; the rest is counted, not kept. */
  readonly maxStderrBytes: number;
  /** Time between SIGTERM and SIGKILL when the engine stops a program. */
  readonly killGraceMs: number;
}

export const defaultProcessLimits: ProcessLimits = {
  timeoutMs: { spec: 10_000, check: 60_000, discover: 60_000, read: 60 * 60_000, invoke: 5 * 60_000, map: 10_000 },
  idleTimeoutMs: 5 * 60_000,
  maxLineBytes: 8 * 1024 * 1024,
  maxPageRecords: 5_000,
  maxPageBytes: 64 * 1024 * 1024,
  maxStderrBytes: 64 * 1024,
  killGraceMs: 5_000,
};

export type ProcessLimitsInput = Partial<Omit<ProcessLimits, 'timeoutMs'>> & { readonly timeoutMs?: Partial<Record<ProcessOperation, number>> };

export function resolveLimits(input: ProcessLimitsInput = {}): ProcessLimits {
  return { ...defaultProcessLimits, ...input, timeoutMs: { ...defaultProcessLimits.timeoutMs, ...input.timeoutMs } };
}

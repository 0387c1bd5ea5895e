import { randomUUID } from 'node:crypto';

type Json = Record<string, unknown>;

interface Job {
  readonly kind: 'vulns' | 'assets';
  readonly chunks: readonly (readonly Json[])[];
  polls: number;
  expired: boolean;
}

/**
 * Export jobs of the simulated Tenable. An export is a snapshot taken when it is requested, cut into
 * chunks. Like the recorded sessions (test_exports_vulns, test_exports_assets) it is PROCESSING with no
 * chunk at the first status poll, PROCESSING with the first half of its chunks at the second, and
 * FINISHED with all of them after that. An expired export is unknown: 404.
 */
export class ExportJobs {
  readonly #jobs = new Map<string, Job>();

  create(kind: 'vulns' | 'assets', records: readonly Json[], chunkSize: number): string {
    const chunks: Json[][] = [];
    for (let i = 0; i < records.length; i += chunkSize) chunks.push(records.slice(i, i + chunkSize).map((r) => structuredClone(r)));
    const id = randomUUID();
    this.#jobs.set(id, { kind, chunks, polls: 0, expired: false });
    return id;
  }

  #job(kind: string, id: string): Job | undefined {
    const job = this.#jobs.get(id);
    return job && job.kind === kind && !job.expired ? job : undefined;
  }

  /** The status body (shapes as recorded), or undefined for an unknown or expired export. */
  status(kind: 'vulns' | 'assets', id: string): Json | undefined {
    const job = this.#job(kind, id);
    if (!job) return undefined;
    job.polls += 1;
    const all = job.chunks.map((_, i) => i + 1);
    const finished = job.polls >= 3 || (job.polls >= 2 && all.length === 0);
    const available = finished ? all : job.polls === 2 ? all.slice(0, Math.ceil(all.length / 2)) : [];
    const body: Json = { status: finished ? 'FINISHED' : 'PROCESSING', chunks_available: available };
    return kind === 'vulns' ? { ...body, chunks_failed: [], chunks_cancelled: [] } : body;
  }

  /** A chunk that has been reported available; undefined otherwise (404). */
  chunk(kind: 'vulns' | 'assets', id: string, chunk: number): readonly Json[] | undefined {
    const job = this.#job(kind, id);
    if (!job || job.polls < 2 || !Number.isInteger(chunk) || chunk < 1) return undefined;
    const ready = job.polls >= 3 ? job.chunks.length : Math.ceil(job.chunks.length / 2);
    return chunk <= ready ? job.chunks[chunk - 1] : undefined;
  }

  expire(id: string): void {
    const job = this.#jobs.get(id);
    if (job) job.expired = true;
  }
}

import type { Clock } from '@patchbay/types';
import type { NotableEvent } from '../../mappers/notable-event.types.ts';
import type { NotableIndex } from './notable-index.ts';

/** Splunk keeps a finished job (and its results) for its ttl: 600 s by default for REST-created jobs. */
const TTL_MS = 600_000;

export interface SearchJob {
  readonly sid: string;
  readonly search: string;
  readonly createdAt: number;
  readonly doneAt: number;
  readonly results: readonly NotableEvent[];
  readonly failure?: string;
}

/**
 * Search jobs as the REST API runs them (REST API Reference, "search/jobs" and "search/jobs/{search_id}":
 * https://docs.splunk.com/Documentation/Splunk/latest/RESTREF/RESTsearch#search.2Fjobs): created
 * asynchronously, QUEUED then RUNNING, DONE (or FAILED) `durationMs` of the clock later, removed `ttl`
 * after they finished or when deleted.
 */
export class SearchJobs {
  readonly #clock: Clock;
  readonly #jobs = new Map<string, SearchJob>();
  #serial = 0;
  durationMs: number;
  #failNext: string | undefined;

  constructor(clock: Clock, durationMs: number) {
    this.#clock = clock;
    this.durationMs = durationMs;
  }

  /** The next job created fails with this message (a search error the test injects). */
  failNext(message: string): void {
    this.#failNext = message;
  }

  create(search: string, index: NotableIndex, earliest: number, latest: number, maxCount: number): SearchJob {
    const now = this.#clock.now().getTime();
    const sid = `${Math.floor(now / 1000)}.${++this.#serial}`;
    const failure = this.#failNext;
    this.#failNext = undefined;
    const job: SearchJob = { sid, search, createdAt: now, doneAt: now + this.durationMs, results: failure ? [] : index.search(earliest, latest).slice(0, maxCount), ...(failure ? { failure } : {}) };
    this.#jobs.set(sid, job);
    return job;
  }

  /** The job, unless it was deleted or its ttl passed. */
  get(sid: string): SearchJob | undefined {
    const job = this.#jobs.get(sid);
    if (job && this.#clock.now().getTime() > job.doneAt + TTL_MS) this.#jobs.delete(sid);
    return this.#jobs.get(sid);
  }

  delete(sid: string): boolean {
    return this.#jobs.delete(sid);
  }

  /** The job's dispatchState now. */
  stateOf(job: SearchJob): 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED' {
    const now = this.#clock.now().getTime();
    if (now >= job.doneAt) return job.failure ? 'FAILED' : 'DONE';
    return now < job.createdAt + this.durationMs / 3 ? 'QUEUED' : 'RUNNING';
  }
}

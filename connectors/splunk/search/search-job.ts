import type { ConnectorContext, TimeWindow } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import type { SplunkConfig } from '../config.ts';
import { jobGone, refusal, restMessages } from './rest-errors.ts';

/** The search jobs endpoints of the REST API Reference, "Search endpoint descriptions": search/jobs. */
const JOBS = '/services/search/jobs';

/** A job keeps at most this many results; a window with more is split by the incremental reader (maxBuffered). */
export const MAX_RESULTS_PER_JOB = 50_001;

/** dispatchState values after which a job produces nothing more (REST API Reference, search/jobs/{search_id}). */
const FAILED_STATES = new Set(['FAILED', 'INTERNAL_CANCEL', 'USER_CANCEL', 'BAD_INPUT_CANCEL', 'QUIT']);

interface JobEntry {
  readonly content?: { readonly dispatchState?: string; readonly isFailed?: boolean; readonly resultCount?: number | string; readonly messages?: unknown };
}

/** The search as Splunk runs it: a search string must start with a generating command (`search` or `|`). */
export function searchString(search: string): string {
  const trimmed = search.trim();
  return /^(search\s|\|)/i.test(trimmed) ? trimmed : `search ${trimmed}`;
}

/** Epoch seconds with milliseconds, as search/jobs takes earliest_time and latest_time. */
const epochSeconds = (ms: number) => (ms / 1000).toFixed(3);

/**
 * `POST /services/search/jobs` (form body: search, earliest_time, latest_time, output_mode=json): a
 * normal (asynchronous) job over `[from, to]`. earliest_time is inclusive and latest_time exclusive, so
 * latest_time is a millisecond after `to`. Answers 201 `{"sid": "..."}`.
 */
async function createJob(ctx: ConnectorContext<SplunkConfig>, window: TimeWindow): Promise<string> {
  const form = new URLSearchParams({
    search: searchString(ctx.config.notable_search),
    earliest_time: epochSeconds(window.from.getTime()),
    latest_time: epochSeconds(window.to.getTime() + 1),
    exec_mode: 'normal',
    max_count: String(MAX_RESULTS_PER_JOB),
    output_mode: 'json',
  });
  const response = await ctx.http.post<{ sid?: unknown; messages?: unknown }>(JOBS, form, { acceptStatus: [400], operation: 'create-search-job' });
  if (response.status === 400) throw refusal('refused the search', response.body, 'Check notable_search: run it in Splunk Web\'s search bar with the same user; the message quotes Splunk.');
  const sid = response.body?.sid;
  if (typeof sid !== 'string' || sid === '') throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: 'Splunk created a search job but answered no sid', details: { status: response.status } });
  return sid;
}

/**
 * Polls `GET /services/search/jobs/{sid}?output_mode=json` until `dispatchState` is DONE, sleeping on the
 * instance's clock (250 ms, doubling up to 5 s). FAILED (or cancelled) fails the run with Splunk's
 * messages; a job Splunk no longer knows (expired, deleted) is PAGE_TOKEN_EXPIRED, so the engine restarts
 * the stream from its checkpoint with a new job. Returns the job's resultCount.
 */
async function waitForJob(ctx: ConnectorContext<SplunkConfig>, sid: string): Promise<number> {
  const deadline = ctx.clock.now().getTime() + ctx.config.search_timeout_seconds * 1000;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
    const response = await ctx.http.get<{ entry?: readonly JobEntry[] }>(`${JOBS}/${encodeURIComponent(sid)}`, { query: { output_mode: 'json' }, acceptStatus: [404], operation: 'get-search-job' });
    if (response.status === 404) throw jobGone(sid);
    const content = response.body?.entry?.[0]?.content;
    const state = content?.dispatchState;
    if (typeof state !== 'string') throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `Splunk's status of search job ${sid} has no dispatchState` });
    if (state === 'DONE') return Number(content?.resultCount ?? 0);
    if (FAILED_STATES.has(state) || content?.isFailed === true) {
      const messages = restMessages({ messages: content?.messages });
      throw new PatchbayError('VENDOR_REQUEST_REJECTED', {
        message: `Splunk search job ${sid} ended ${state}${messages ? `: ${messages}` : ''}`,
        hint: 'Check notable_search and the search quota of the token\'s user (Settings → Roles → Resources); the job\'s messages are quoted.',
        details: { sid, dispatchState: state },
      });
    }
    if (ctx.clock.now().getTime() + delay > deadline) {
      await cancelJob(ctx, sid);
      throw new PatchbayError('VENDOR_TIMEOUT', {
        message: `Splunk search job ${sid} was not done after ${ctx.config.search_timeout_seconds} s (still ${state}); it was cancelled`,
        hint: 'Raise search_timeout_seconds, narrow notable_search, or lower window_hours so each job covers less time.',
        details: { sid, dispatchState: state },
      });
    }
    await ctx.clock.sleep(delay, ctx.signal);
  }
}

/** `DELETE /services/search/jobs/{sid}`: frees the job's slot at once instead of after its ttl. Best effort. */
async function cancelJob(ctx: ConnectorContext<SplunkConfig>, sid: string): Promise<void> {
  try {
    await ctx.http.request({ method: 'DELETE', url: `${JOBS}/${encodeURIComponent(sid)}`, query: { output_mode: 'json' }, acceptStatus: [404], retry: false, operation: 'delete-search-job' });
  } catch (error) {
    ctx.log.warn({ sid, code: (error as { code?: unknown }).code }, 'could not delete a finished Splunk search job; it expires by itself');
  }
}

/**
 * Every result of one search over `window`: creates the job, waits for it, then pages
 * `GET /services/search/jobs/{sid}/results?output_mode=json&offset=&count=` up to the job's resultCount,
 * yielding each page's `results` (REST API Reference, search/jobs/{search_id}/results). Deletes the job
 * at the end.
 */
export async function* searchWindow<Raw>(ctx: ConnectorContext<SplunkConfig>, window: TimeWindow): AsyncGenerator<readonly Raw[], void, undefined> {
  const sid = await createJob(ctx, window);
  const total = await waitForJob(ctx, sid);
  for (let offset = 0; offset < total; ) {
    ctx.signal.throwIfAborted();
    const response = await ctx.http.get<{ results?: unknown }>(`${JOBS}/${encodeURIComponent(sid)}/results`, {
      query: { output_mode: 'json', offset, count: ctx.config.page_size },
      acceptStatus: [404],
      operation: 'get-search-results',
    });
    if (response.status === 404) throw jobGone(sid);
    const results = response.body?.results;
    if (!Array.isArray(results)) throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `Splunk's results of search job ${sid} have no results list`, details: { offset } });
    if (results.length === 0) {
      throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `Splunk served no results at offset ${offset} of search job ${sid}, which counts ${total}`, details: { sid, offset, total } });
    }
    yield results as Raw[];
    offset += results.length;
  }
  await cancelJob(ctx, sid);
}

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultQueue, SimulatorRequest } from '@patchbay/conformance';
import { readBody, send, type Answer } from '../http.ts';
import type { NotableIndex } from './notable-index.ts';
import { BadSearch, messages } from './rest-answers.ts';
import { checkSearch, timeParam } from './search-request.ts';
import type { SearchJob, SearchJobs } from './search-jobs.ts';

/** Results a request may ask for (limits.conf maxresultrows, 50,000 by default). */
const MAX_RESULT_ROWS = 50_000;
const JOB_PATH = /^\/services\/search\/jobs\/([^/]+)(\/results)?$/;

export interface RestApiOptions {
  readonly index: NotableIndex;
  readonly jobs: SearchJobs;
  readonly faults: FaultQueue;
  /** Authentication tokens the API accepts (default: any bearer token). */
  readonly tokens?: readonly string[];
  readonly requests: SimulatorRequest[];
}

export interface RestApi {
  readonly url: string;
  close(): Promise<void>;
}

function integer(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new BadSearch(`Invalid ${name}: ${raw.slice(0, 20)}`);
  return value;
}

/** GET search/jobs/{search_id}: the job's entry, with dispatchState and, once done, resultCount. */
function jobStatus(job: SearchJob, jobs: SearchJobs): Answer {
  const state = jobs.stateOf(job);
  const done = state === 'DONE' || state === 'FAILED';
  return {
    status: 200,
    body: {
      entry: [
        {
          name: job.search,
          id: `/services/search/jobs/${job.sid}`,
          content: {
            sid: job.sid,
            dispatchState: state,
            isDone: done,
            isFailed: state === 'FAILED',
            doneProgress: done ? 1 : state === 'RUNNING' ? 0.5 : 0,
            resultCount: state === 'DONE' ? job.results.length : 0,
            eventCount: state === 'DONE' ? job.results.length : 0,
            messages: job.failure && done ? [{ type: 'FATAL', text: job.failure }] : [],
          },
        },
      ],
    },
  };
}

/**
 * GET search/jobs/{search_id}/results: `offset` and `count` (default 100; 0 means all, up to
 * maxresultrows) over the finished job's results; 204 while the job runs (REST API Reference,
 * search/jobs/{search_id}/results).
 */
function jobResults(job: SearchJob, jobs: SearchJobs, query: URLSearchParams): Answer {
  if (jobs.stateOf(job) !== 'DONE') return { status: 204 };
  const offset = integer(query, 'offset', 0);
  const asked = integer(query, 'count', 100);
  const count = asked === 0 ? MAX_RESULT_ROWS : Math.min(asked, MAX_RESULT_ROWS);
  const results = job.results.slice(offset, offset + count);
  const fields = [...new Set(results.flatMap((r) => Object.keys(r)))].map((name) => ({ name }));
  return { status: 200, body: { preview: false, init_offset: offset, messages: [], fields, results } };
}

/**
 * A stateful Splunk REST API (management port) on 127.0.0.1 for the notable-events stream, following
 * the REST API Reference (https://docs.splunk.com/Documentation/Splunk/latest/RESTREF/RESTsearch):
 * - `POST /services/search/jobs`: form body `search`, `earliest_time`, `latest_time`, `max_count`,
 *   `output_mode=json`; answers 201 `{"sid"}`;
 * - `GET /services/search/jobs/{sid}?output_mode=json`: dispatchState QUEUED → RUNNING → DONE/FAILED;
 * - `GET /services/search/jobs/{sid}/results?output_mode=json&offset=&count=`;
 * - `DELETE /services/search/jobs/{sid}`; an unknown or expired sid answers 404 "Unknown sid.";
 * - `GET /services/authentication/current-context` (REST API Reference, "Access endpoints").
 * Authentication is `Authorization: Bearer <token>` ("Use authentication tokens"); errors use splunkd's
 * `messages` envelope.
 */
export async function startRestApi(options: RestApiOptions): Promise<RestApi> {
  const { index, jobs, faults, requests } = options;
  const accepts = (request: IncomingMessage) => {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    return token !== undefined && (options.tokens === undefined || options.tokens.includes(token));
  };

  function route(method: string, url: URL, body: string): Answer {
    if (method === 'GET' && url.pathname === '/services/authentication/current-context') {
      return { status: 200, body: { entry: [{ name: 'context', content: { username: 'patchbay', roles: ['ess_analyst', 'user'], capabilities: ['search', 'list_search_head_clustering', 'edit_notable_events'] } }] } };
    }
    if (method === 'POST' && url.pathname === '/services/search/jobs') {
      const form = new URLSearchParams(body);
      const search = checkSearch(form.get('search'));
      const earliest = timeParam(form.get('earliest_time'), 'earliest_time', 0);
      const latest = timeParam(form.get('latest_time'), 'latest_time', Number.MAX_SAFE_INTEGER);
      const maxCount = integer(form, 'max_count', 10_000);
      const job = jobs.create(search, index, earliest, latest, maxCount);
      return { status: 201, body: { sid: job.sid } };
    }
    const match = JOB_PATH.exec(url.pathname);
    if (!match) return messages(404, 'ERROR', `Not Found: ${url.pathname}`);
    const sid = decodeURIComponent(match[1]!);
    const job = jobs.get(sid);
    if (!job) return messages(404, 'FATAL', 'Unknown sid.');
    if (method === 'DELETE' && !match[2]) {
      jobs.delete(sid);
      return messages(200, 'INFO', 'Search job cancelled.');
    }
    if (method !== 'GET') return messages(405, 'ERROR', `Method ${method} not allowed here`);
    return match[2] ? jobResults(job, jobs, url.searchParams) : jobStatus(job, jobs);
  }

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://splunkd');
      const method = request.method ?? 'GET';
      const body = (await readBody(request)).toString('utf8');
      // A results page past the first continues a listing: an expired job (ttl) hits it, as page tokens do.
      const continuation = /\/results$/.test(url.pathname) && Number(url.searchParams.get('offset') ?? 0) > 0;
      const fault = faults.take({ continuation });
      let answer: Answer;
      if (!accepts(request)) answer = messages(401, 'WARN', 'call not properly authenticated');
      else if (fault?.kind === 'server-errors') answer = messages(503, 'ERROR', 'Service Unavailable: splunkd is busy, try again later');
      else {
        if (fault?.kind === 'expire-page-token') {
          const sid = JOB_PATH.exec(url.pathname)?.[1];
          if (sid) jobs.delete(decodeURIComponent(sid));
        }
        try {
          answer = route(method, url, body);
        } catch (error) {
          if (!(error instanceof BadSearch)) throw error;
          answer = messages(400, 'FATAL', error.message);
        }
      }
      const query = Object.fromEntries(url.searchParams);
      requests.push({ method, path: url.pathname, query: method === 'POST' ? { ...query, ...Object.fromEntries(new URLSearchParams(body)) } : query, status: answer.status, ...(fault ? { fault: fault.kind } : {}) });
      send(response, answer, fault?.kind === 'malformed-json' && answer.status === 200);
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ messages: [{ type: 'FATAL', text: `simulator error: ${String(error)}` }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

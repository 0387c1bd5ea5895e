import { REDACTED_TEXT } from '@patchbay/types';
import type { Transport, TransportRequest, TransportResponse } from '../http/transport.ts';
import { bodyBytes, type FixtureBody, type FixtureExchange, type FixtureFile } from './fixture-format.ts';
import { Scrubber, type ScrubOptions } from './scrub.ts';

export interface ReplayOptions {
  /** The scrub settings used when recording, so incoming requests are normalised the same way. */
  readonly scrub?: ScrubOptions;
  /** Let an exchange answer more than once (default: each answers once, in recorded order). */
  readonly reuse?: boolean;
}

export interface Replayer extends Transport {
  /** Recorded exchanges no request has used yet. */
  readonly unused: readonly FixtureExchange[];
  /** Throws when some recorded exchange was never requested. */
  assertAllUsed(): void;
}

/** A request that matches no recorded exchange: a test failure, never a live call. */
export class ReplayMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayMismatchError';
  }
}

/** Keys in a fixed order, so bodies compare by content. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function bodyKey(body: FixtureBody | undefined): string {
  if (body === undefined) return '';
  if ('json' in body) return canonicalJson(body.json);
  return 'text' in body ? body.text : body.base64;
}

/** `[REDACTED]` in a recorded value stands for any value. */
function pattern(recorded: string): RegExp {
  const parts = recorded.split(REDACTED_TEXT).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[^]*?')}$`);
}

interface Candidate {
  readonly exchange: FixtureExchange;
  readonly url: RegExp;
  readonly body: RegExp;
  used: boolean;
}

/**
 * Answers from recorded fixtures and never touches the network. An unmatched request throws
 * ReplayMismatchError naming the request and the closest recordings.
 */
export function replayTransport(fixtures: FixtureFile | readonly FixtureExchange[], options: ReplayOptions = {}): Replayer {
  const scrubber = new Scrubber(options.scrub);
  const list = 'exchanges' in fixtures ? fixtures.exchanges : fixtures;
  const candidates: Candidate[] = list.map((exchange) => ({
    exchange,
    url: pattern(exchange.request.url),
    body: pattern(bodyKey(exchange.request.body)),
    used: false,
  }));

  function find(request: TransportRequest): Candidate {
    const url = scrubber.url(request.url);
    const bytes = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : (request.body ?? new Uint8Array());
    const body = bodyKey(scrubber.body(bytes, request.headers['content-type']));
    const matches = candidates.filter((c) => c.exchange.request.method === request.method && c.url.test(url) && c.body.test(body));
    const found = matches.find((c) => !c.used) ?? (options.reuse ? matches[0] : undefined);
    if (found) return found;
    const path = url.split('?')[0] ?? url;
    const near = candidates.filter((c) => c.exchange.request.url.split('?')[0] === path).map((c) => `  ${c.exchange.request.method} ${c.exchange.request.url}${c.used ? ' (used)' : ''}`);
    throw new ReplayMismatchError(
      `No recorded exchange for ${request.method} ${url}${body ? ` with body ${body.slice(0, 200)}` : ''}` +
        (near.length ? `\nRecorded for this path:\n${near.join('\n')}` : '\nNothing is recorded for this path.'),
    );
  }

  return {
    addressCheck: 'offline',
    async send(request): Promise<TransportResponse> {
      request.signal.throwIfAborted();
      const candidate = find(request);
      candidate.used = true;
      const { response } = candidate.exchange;
      const bytes = bodyBytes(response.body);
      async function* body(): AsyncGenerator<Uint8Array> {
        if (bytes.byteLength > 0) yield bytes;
      }
      return { status: response.status, headers: new Headers(response.headers), body: body() };
    },
    get unused() {
      return candidates.filter((c) => !c.used).map((c) => c.exchange);
    },
    assertAllUsed() {
      const left = candidates.filter((c) => !c.used);
      if (left.length) throw new ReplayMismatchError(`${left.length} recorded exchange(s) were never requested:\n${left.map((c) => `  ${c.exchange.request.method} ${c.exchange.request.url}`).join('\n')}`);
    },
  };
}

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { Clock } from '@patchbay/types';
import { readBody, send, type Answer } from '../http.ts';
import { AckLedger } from './ack-ledger.ts';
import { hecAnswer, HecRefusal, HEC_CODES } from './hec-answers.ts';
import { checkEvent, splitEvents, type IndexedEvent } from './event-stream.ts';
import { channelOf, tokenFor } from './request-checks.ts';

export type { IndexedEvent } from './event-stream.ts';

/** The token the receiver accepts unless told otherwise (a GUID, as Splunk generates them). */
export const DEFAULT_HEC_TOKEN = '7a3c1e52-9b0d-4f68-a2c4-5e6f7a8b9c0d';

/** A HEC token as configured in Splunk (Settings → Data inputs → HTTP Event Collector). */
export interface HecToken {
  readonly value: string;
  /** Indexer acknowledgement enabled on the token (it then requires a channel). */
  readonly ack: boolean;
  disabled?: boolean;
  /** Indexes it may write to (empty: any). */
  readonly allowedIndexes?: readonly string[];
  readonly defaultIndex?: string;
}

/** One fault the receiver may be asked to answer a request with (the simulator's FaultQueue). */
export interface HecFaultSource {
  take(): { readonly kind: string } | undefined;
}

export interface HecReceiverOptions {
  readonly clock: Clock;
  /** Default: DEFAULT_HEC_TOKEN with acknowledgement on, any index. */
  readonly tokens?: readonly HecToken[];
  /** How long after a request was accepted its ack turns true (clock time; default 0). */
  readonly ackDelayMs?: number;
  /** max_content_length of the request body in bytes (default 800 MiB, Splunk's default). */
  readonly maxContentLength?: number;
  readonly faults?: HecFaultSource;
}

/** An event the receiver accepted, with how and when. */
export interface ReceivedEvent extends IndexedEvent {
  readonly channel: string | undefined;
  readonly ackId: number | undefined;
  /** Clock time (ms) from which it counts as indexed. */
  readonly indexedAt: number;
}

/** What the receiver saw of a request. */
export interface HecRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly hecCode: number | undefined;
  readonly channel: string | undefined;
  readonly gzip: boolean;
  readonly events: number;
  readonly bytes: number;
  readonly fault?: string;
}

export interface HecReceiver {
  /** `http://127.0.0.1:PORT`: the hec_url. */
  readonly url: string;
  readonly tokens: HecToken[];
  /** Accepted events, in the order received. */
  readonly received: readonly ReceivedEvent[];
  /** The accepted events indexed by now (their ack delay passed), in order. */
  indexed(): ReceivedEvent[];
  readonly requests: readonly HecRequest[];
  /** While true the collector answers 503 "Server is busy" (code 9) to everything: an outage. */
  outage: boolean;
  /** A receiver-side rule refusing events with code 6 "Invalid data format" (tests inject poison with it). */
  rejectWhen: ((event: IndexedEvent) => boolean) | undefined;
  ackDelayMs: number;
  close(): Promise<void>;
}

const EVENT_PATHS = new Set(['/services/collector', '/services/collector/event', '/services/collector/event/1.0']);
const HEALTH_PATHS = new Set(['/services/collector/health', '/services/collector/health/1.0']);

/**
 * A stateful HTTP Event Collector on 127.0.0.1, following Splunk's HEC documentation:
 * - `POST /services/collector/event` ("HTTP Event Collector REST API endpoints",
 *   https://docs.splunk.com/Documentation/Splunk/latest/RESTREF/RESTinput#services.2Fcollector.2Fevent;
 *   "Format events for HTTP Event Collector"): token auth, gzip bodies (Content-Encoding), batches of
 *   JSON events checked field by field, channels, the documented error codes;
 * - `POST /services/collector/ack` ("About HTTP Event Collector Indexer Acknowledgment",
 *   https://docs.splunk.com/Documentation/Splunk/latest/Data/AboutHECIDXAck): ackIds per channel that turn
 *   true `ackDelayMs` after acceptance on the clock;
 * - `GET /services/collector/health`: 200 code 17, or 503 code 18 during an outage.
 */
export async function startHecReceiver(options: HecReceiverOptions): Promise<HecReceiver> {
  const { clock } = options;
  const tokens: HecToken[] = [...(options.tokens ?? [{ value: DEFAULT_HEC_TOKEN, ack: true }])];
  const acks = new AckLedger(clock, options.ackDelayMs ?? 0);
  const maxContentLength = options.maxContentLength ?? 838_860_800;
  const received: ReceivedEvent[] = [];
  const requests: HecRequest[] = [];
  const state = { outage: false, rejectWhen: undefined as ((event: IndexedEvent) => boolean) | undefined };

  function acceptEvents(request: IncomingMessage, url: URL, body: Buffer): { answer: Answer; channel: string | undefined; events: number } {
    const token = tokenFor(tokens, request);
    const channel = channelOf(request, url, token);
    let bytes = body;
    if (/gzip/i.test(String(request.headers['content-encoding'] ?? ''))) {
      try {
        bytes = gunzipSync(body);
      } catch {
        throw new HecRefusal('invalidDataFormat', 0);
      }
    }
    const raw = splitEvents(bytes.toString('utf8'));
    if (raw.length === 0) throw new HecRefusal('noData');
    const indexes = { allowedIndexes: token.allowedIndexes ?? [], defaultIndex: token.defaultIndex ?? 'main' };
    const events = raw.map((e, i) => checkEvent(e, i, indexes));
    const poisoned = state.rejectWhen ? events.findIndex(state.rejectWhen) : -1;
    if (poisoned >= 0) throw new HecRefusal('invalidDataFormat', poisoned);
    const ack = token.ack && channel !== undefined ? acks.issue(channel) : undefined;
    const indexedAt = ack?.indexedAt ?? clock.now().getTime();
    for (const event of events) received.push({ ...event, channel, ackId: ack?.ackId, indexedAt });
    return { answer: hecAnswer('success', ack ? { ackId: ack.ackId } : {}), channel, events: events.length };
  }

  function answerAcks(request: IncomingMessage, url: URL, body: Buffer): { answer: Answer; channel: string | undefined } {
    const token = tokenFor(tokens, request);
    if (!token.ack) throw new HecRefusal('ackDisabled');
    const channel = channelOf(request, url, token)!;
    let asked: unknown;
    try {
      asked = (JSON.parse(body.toString('utf8')) as { acks?: unknown }).acks;
    } catch {
      throw new HecRefusal('invalidDataFormat');
    }
    if (!Array.isArray(asked) || !asked.every((id) => Number.isInteger(id) && id >= 0)) throw new HecRefusal('invalidDataFormat');
    return { answer: { status: 200, body: { acks: acks.query(channel, asked as number[]) } }, channel };
  }

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://hec');
      const method = request.method ?? 'GET';
      const body = await readBody(request);
      const gzip = /gzip/i.test(String(request.headers['content-encoding'] ?? ''));
      const fault = HEALTH_PATHS.has(url.pathname) ? undefined : options.faults?.take();
      let answer: Answer;
      let channel: string | undefined;
      let events = 0;
      try {
        if (HEALTH_PATHS.has(url.pathname) && method === 'GET') answer = hecAnswer(state.outage ? 'unhealthy' : 'healthy');
        else if (state.outage || fault?.kind === 'server-errors') answer = hecAnswer('serverBusy');
        else if (method === 'POST' && EVENT_PATHS.has(url.pathname)) {
          if (body.length > maxContentLength) answer = { status: 413, body: { text: `Content-Length of ${body.length} too large (maximum is ${maxContentLength})`, code: 413 } };
          else ({ answer, channel, events } = acceptEvents(request, url, body));
        } else if (method === 'POST' && url.pathname === '/services/collector/ack') ({ answer, channel } = answerAcks(request, url, body));
        else answer = { status: 404, body: { text: 'The requested URL was not found on this server.', code: 404 } };
      } catch (error) {
        if (!(error instanceof HecRefusal)) throw error;
        answer = error.answer();
      }
      const hecCode = (answer.body as { code?: unknown } | undefined)?.code;
      requests.push({ method, path: url.pathname, status: answer.status, hecCode: typeof hecCode === 'number' ? hecCode : undefined, channel, gzip, events, bytes: body.length, ...(fault ? { fault: fault.kind } : {}) });
      send(response, answer, fault?.kind === 'malformed-json' && answer.status === 200);
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ text: `simulator error: ${String(error)}`, code: HEC_CODES.internalError[1] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tokens,
    received,
    indexed: () => received.filter((e) => e.indexedAt <= clock.now().getTime()),
    requests,
    get outage() {
      return state.outage;
    },
    set outage(on: boolean) {
      state.outage = on;
    },
    get rejectWhen() {
      return state.rejectWhen;
    },
    set rejectWhen(rule) {
      state.rejectWhen = rule;
    },
    get ackDelayMs() {
      return acks.delayMs;
    },
    set ackDelayMs(ms: number) {
      acks.delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

import type { Transport, TransportRequest } from '../http/transport.ts';
import { saveFixtures, type FixtureExchange, type FixtureFile } from './fixture-format.ts';
import { Scrubber, type ScrubOptions } from './scrub.ts';

export interface RecordOptions {
  readonly scrub?: ScrubOptions;
  /** Rewrite this fixture file after every exchange (so an interrupted run keeps what it saw). */
  readonly file?: string;
}

export interface Recorder {
  /** Give this to `createHttpClient({ transport })`. */
  readonly transport: Transport;
  readonly exchanges: readonly FixtureExchange[];
  fixtures(): FixtureFile;
  save(path: string): Promise<void>;
}

/**
 * The body as it is read, handing the chunks seen to `done` exactly once: at its end, on an error,
 * or when the reader stops early (even before reading anything, as for a redirect).
 */
function recordingBody(source: AsyncIterable<Uint8Array>, done: (chunks: readonly Uint8Array[]) => void): AsyncIterable<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    done(chunks);
  };
  return {
    [Symbol.asyncIterator]() {
      const inner = source[Symbol.asyncIterator]();
      return {
        async next() {
          try {
            const step = await inner.next();
            if (step.done) finish();
            else chunks.push(step.value);
            return step;
          } catch (error) {
            finish();
            throw error;
          }
        },
        async return() {
          finish();
          await inner.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

function requestFixture(scrubber: Scrubber, request: TransportRequest) {
  const bytes = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : (request.body ?? new Uint8Array());
  const body = scrubber.body(bytes, request.headers['content-type']);
  return { method: request.method, url: scrubber.url(request.url), ...(body ? { body } : {}) };
}

/**
 * Wraps a live transport and records every exchange, secrets scrubbed before anything is kept:
 * authorization and other credential headers are never recorded, secret-named query parameters and
 * JSON fields (api_key, access_token, refresh_token, client_secret...) become `[REDACTED]`, and so
 * does every known secret value passed in `scrub.secrets`. A body cut short by the size limit is
 * recorded as far as it was read, so replaying it fails the same way.
 */
export function recordTransport(inner: Transport, options: RecordOptions = {}): Recorder {
  const scrubber = new Scrubber(options.scrub);
  const exchanges: FixtureExchange[] = [];
  let writes: Promise<void> = Promise.resolve();
  const fixtures = (): FixtureFile => ({ version: 1, exchanges: [...exchanges] });

  const finish = (exchange: FixtureExchange) => {
    exchanges.push(exchange);
    const file = options.file;
    if (file) writes = writes.then(() => saveFixtures(file, fixtures()));
  };

  const transport: Transport = {
    ...(inner.addressCheck ? { addressCheck: inner.addressCheck } : {}),
    ...(inner.close ? { close: () => inner.close!() } : {}),
    async send(request) {
      const recordedRequest = requestFixture(scrubber, request);
      const response = await inner.send(request);
      const body = recordingBody(response.body, (chunks) => {
        const recorded = scrubber.body(Buffer.concat(chunks), response.headers.get('content-type'));
        const headers = scrubber.headers(response.headers);
        finish({ request: recordedRequest, response: { status: response.status, headers, ...(recorded ? { body: recorded } : {}) } });
      });
      return { status: response.status, headers: response.headers, body };
    },
  };

  return {
    transport,
    exchanges,
    fixtures,
    async save(path) {
      await writes;
      await saveFixtures(path, fixtures());
    },
  };
}

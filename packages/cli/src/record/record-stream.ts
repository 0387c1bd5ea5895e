import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateRecord } from '@patchbay/ocsf';
import {
  createHttpClient,
  resolveAllowedHosts,
  SsrfGuard,
  toJsonSchema,
  undiciTransport,
  type AnyConnector,
  type AnyStream,
  type ConnectorContext,
  type Logger,
} from '@patchbay/sdk';
import { recordTransport } from '@patchbay/sdk/testing';
import { PatchbayError, type Clock } from '@patchbay/types';
import type { EnvCredentials } from './env-credentials.ts';

export interface RecordOptions {
  readonly connector: AnyConnector;
  /** Needed when the connector has several streams. */
  readonly stream?: string;
  readonly baseUrl: string;
  /** Non-secret instance settings; `base_url` defaults to `baseUrl` when the config has that field. */
  readonly configuration: Readonly<Record<string, unknown>>;
  readonly pages: number;
  readonly allowPrivateNetwork: boolean;
  readonly credentials: EnvCredentials;
  /** `connectors/<id>/fixtures/recorded` */
  readonly outDir: string;
  readonly clock: Clock;
  readonly log: Logger;
  readonly signal: AbortSignal;
}

export interface RecordSummary {
  readonly file: string;
  readonly stream: string;
  readonly pages: number;
  readonly records: number;
  readonly exchanges: number;
  /** Records whose mapping failed or did not validate, with the first problems. */
  readonly invalid: readonly { readonly index: number; readonly problems: readonly string[] }[];
  /** What stopped the run early (a 401 is worth recording too); the exchanges up to it are saved. */
  readonly error: unknown;
}

function pickStream(connector: AnyConnector, name: string | undefined): AnyStream {
  const streams = connector.streams ?? [];
  const found = name === undefined && streams.length === 1 ? streams[0] : streams.find((s) => s.name === name);
  if (found) return found;
  throw new PatchbayError('VALIDATION_FAILED', {
    field: '--stream',
    message: name === undefined ? `${connector.id} has ${streams.length} streams: name one with --stream` : `${connector.id} has no stream ${name}`,
    hint: `Streams: ${streams.map((s) => s.name).join(', ') || 'none'}.`,
  });
}

function problemsOf(stream: AnyStream, raw: unknown, ctx: ConnectorContext, connector: AnyConnector): string[] {
  try {
    const meta = { connector: { id: connector.id, name: connector.name, vendor: connector.vendor, version: connector.version }, stream: stream.name, instanceId: ctx.instanceId, receivedAt: ctx.clock.now() };
    const result = validateRecord(stream.map(raw, meta), { warnings: false });
    return result.valid ? [] : result.errors.slice(0, 5).map((e) => `${e.path || '/'}: ${e.message}`);
  } catch (error) {
    return [`map failed: ${error instanceof Error ? error.message : String(error)}`];
  }
}

/**
 * Runs one stream against a live API through the SDK's recording transport (credentials never
 * recorded, secret values scrubbed) and writes `<outDir>/<stream>.json`. Every record is mapped and
 * validated on the way, so the fixtures come with a report on the mapper.
 */
export async function recordStream(options: RecordOptions): Promise<RecordSummary> {
  const { connector, credentials } = options;
  const stream = pickStream(connector, options.stream);
  const configFields = Object.keys((toJsonSchema(connector.config).properties ?? {}) as object);
  const parsed = connector.config.safeParse({ ...(configFields.includes('base_url') ? { base_url: options.baseUrl } : {}), ...options.configuration });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PatchbayError('VALIDATION_FAILED', { field: '--config', message: `--config ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` });
  }
  const config = parsed.data as Record<string, unknown>;
  const allowedHosts = resolveAllowedHosts(connector.allowedHosts, config);
  const guard = new SsrfGuard({ allowedHosts, allowPrivateNetwork: options.allowPrivateNetwork, baseUrl: new URL(options.baseUrl) });
  const tls = credentials.applier?.tls;
  const recorder = recordTransport(undiciTransport({ guard, ...(tls ? { tls } : {}) }), { scrub: { secrets: credentials.secrets } });
  const http = createHttpClient({
    baseUrl: options.baseUrl,
    allowedHosts,
    allowPrivateNetwork: options.allowPrivateNetwork,
    auth: credentials.applier,
    rateLimit: connector.rateLimits,
    clock: options.clock,
    signal: options.signal,
    log: options.log,
    transport: recorder.transport,
  });
  const ctx: ConnectorContext = { config, http, log: options.log, clock: options.clock, signal: options.signal, instanceId: 'record' };
  const invalid: { index: number; problems: string[] }[] = [];
  let pages = 0;
  let records = 0;
  let error: unknown;
  try {
    for await (const page of stream.fetch(ctx, undefined)) {
      for (const raw of page.records) {
        const problems = problemsOf(stream, raw, ctx, connector);
        if (problems.length > 0) invalid.push({ index: records, problems });
        records += 1;
      }
      pages += 1;
      if (pages >= options.pages) break;
    }
  } catch (caught) {
    error = caught;
  } finally {
    await http.close();
    await recorder.transport.close?.();
  }
  mkdirSync(options.outDir, { recursive: true });
  const file = join(options.outDir, `${stream.name}.json`);
  await recorder.save(file);
  return { file, stream: stream.name, pages, records, exchanges: recorder.exchanges.length, invalid, error };
}

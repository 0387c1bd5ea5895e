import { eq } from 'drizzle-orm';
import type { AnyConnector, AnyStream, ConnectorContext } from '@patchbay/sdk';
import { syncExecutions } from '@patchbay/store';
import { PatchbayError, isPatchbayError } from '@patchbay/types';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { finishExecution, markRunning, type ExecutionRow } from './executions.ts';
import { finishStream } from './finish-stream.ts';
import { loadStreamState } from './load-stream-state.ts';
import { normalizePage, type MappingOverride } from './normalize-page.ts';
import { readAhead } from './read-ahead.ts';
import { preparePage, writePage, type PageCounts, type PageTarget } from './write-page.ts';

export interface RunStreamOptions {
  readonly deps: EngineDeps;
  readonly connector: AnyConnector;
  readonly stream: AnyStream;
  readonly instance: { readonly id: string; readonly organizationId: string };
  readonly ctx: ConnectorContext<Record<string, unknown>>;
  /** The execution row this run reports into (created by the caller: API, scheduler, conformance). */
  readonly execution: ExecutionRow;
  readonly override?: MappingOverride;
  readonly mappingVersion?: number | null;
  readonly keepRawBytes?: number;
  /** Called after each committed page. */
  readonly onPage?: (page: { index: number; counts: PageCounts; checkpoint: unknown }) => void | Promise<void>;
}

/** How often an expired vendor page token restarts the stream from its last checkpoint before giving up. */
const PAGE_TOKEN_RESTARTS = 3;

/**
 * Runs one stream page by page. Each page's records, the checkpoint after them, the events they cause and
 * the execution counters commit in one transaction, so a crash at any point replays at most the page in
 * flight: nothing lost, nothing duplicated. The execution ends completed, failed (with the error) or
 * cancelled; the checkpoint stays at the last committed page.
 */
export async function runStream(options: RunStreamOptions): Promise<ExecutionRow> {
  const { deps, stream, ctx, execution } = options;
  const { db } = deps.database;
  const target: PageTarget = {
    organizationId: options.instance.organizationId,
    instanceId: options.instance.id,
    stream: stream.name,
    executionId: execution.id,
    connectorVersion: options.connector.version,
    mappingVersion: options.mappingVersion ?? null,
  };
  const meta = () => ({
    connector: { id: options.connector.id, name: options.connector.name, vendor: options.connector.vendor, version: options.connector.version },
    stream: stream.name,
    instanceId: options.instance.id,
    receivedAt: deps.clock.now(),
  });
  try {
    await markRunning(db, execution.id, deps.clock.now());
    let start = await loadStreamState(db, options.instance.id, stream, deps.clock.now());
    let index = 0;
    for (let restarts = 0; ; restarts++) {
      try {
        // The next page is fetched, normalised and its statement parameters built while this one is written (read-ahead of one page).
        const pages = readAhead(stream.fetch(ctx, start.checkpoint), async (page) => preparePage(await normalizePage(page.records, { stream, meta: meta(), override: options.override, keepRawBytes: options.keepRawBytes })));
        for await (const { item: page, prepared: normalized } of pages) {
          if (ctx.signal.aborted) throw ctx.signal.reason ?? new PatchbayError('REQUEST_CANCELLED');
          const counts = await db.transaction((tx) => writePage(tx, target, normalized, page.checkpoint, deps.clock.now()));
          start = { ...start, checkpoint: page.checkpoint };
          await options.onPage?.({ index: index++, counts, checkpoint: page.checkpoint });
        }
        break;
      } catch (error) {
        if (!(isPatchbayError(error) && error.code === 'PAGE_TOKEN_EXPIRED' && restarts < PAGE_TOKEN_RESTARTS)) throw error;
        ctx.log.warn({ stream: stream.name, restarts: restarts + 1 }, 'page token expired; restarting from the last checkpoint');
      }
    }
    await db.transaction((tx) => finishStream(tx, target, stream.fullRefresh, start.runStartedAt, deps.clock.now()));
    const [row] = await db.select().from(syncExecutions).where(eq(syncExecutions.id, execution.id));
    return row!;
  } catch (error) {
    const cancelled = ctx.signal.aborted || (isPatchbayError(error) && error.code === 'REQUEST_CANCELLED');
    return finishExecution(db, execution.id, cancelled ? 'cancelled' : 'failed', deps.clock.now(), error);
  }
}

import { defineConnector, defineStream, paginateCursor, readPath, type MapMeta, type OcsfRecord } from '@patchbay/sdk';
import { z } from 'zod';
import { httpJsonConfig, type HttpJsonConfig } from '../../../../connectors/http-json/config.ts';
import { mapRecord } from '../../../../connectors/http-json/mappers/record.ts';
import { mappingOf, toItem, type HttpJsonItem } from '../../../../connectors/http-json/streams/item.ts';

/** Mistakes connectors make, each of which one conformance check must catch. */
export interface Flaws {
  /** Resume "strictly after" the last timestamp: loses a record sharing it across a page boundary. */
  readonly strictlyAfterCursor?: boolean;
  /** Ignore the stored checkpoint: a restart reads everything again. */
  readonly ignoreCheckpoint?: boolean;
  /** Treat an empty page as the end of the listing. */
  readonly stopOnEmptyPage?: boolean;
  /** Map to an invalid OCSF severity_id. */
  readonly invalidSeverity?: boolean;
  /** Ask for more records per page than the API's description allows. */
  readonly oversizedPages?: boolean;
}

const checkpoint = z.object({ since: z.string().optional() });

function flawedMap(flaws: Flaws) {
  return (item: HttpJsonItem, meta: MapMeta): OcsfRecord => ({ ...mapRecord(item, meta), ...(flaws.invalidSeverity ? { severity_id: 42 } : {}) });
}

/**
 * A small incremental connector for the http-json simulator, written the naive way on purpose: cursor
 * paging with `since` = the newest timestamp seen, and the flaws asked for. The suite's own tests run it
 * to prove that each check fails when its fault is present.
 */
export function flawedConnector(flaws: Flaws) {
  const records = defineStream<HttpJsonItem, typeof checkpoint, HttpJsonConfig>({
    name: 'records',
    ocsf: { class: 'base_event' },
    primaryKey: 'id',
    checkpoint,
    fullRefresh: false,
    permissions: [],
    async *fetch(ctx, state) {
      const mapping = mappingOf(ctx.config);
      let since = flaws.ignoreCheckpoint ? undefined : state?.since;
      if (since !== undefined && flaws.strictlyAfterCursor) since = new Date(Date.parse(since) + 1).toISOString();
      const pages = paginateCursor<Record<string, unknown>>(ctx, {
        request: { url: ctx.config.path, query: { limit: flaws.oversizedPages ? 5000 : 4, ...(since ? { since } : {}) }, operation: 'records' },
        items: ctx.config.record_path,
        nextToken: { body: 'next_cursor' },
        sendToken: { query: 'cursor' },
        stopOnEmptyPage: flaws.stopOnEmptyPage === true,
      });
      let newest = state?.since;
      for await (const page of pages) {
        for (const record of page.items) {
          const at = String(readPath(record, 'updated_at'));
          if (newest === undefined || at > newest) newest = at;
        }
        yield { records: page.items.map((record) => toItem(record, mapping)), checkpoint: newest === undefined ? {} : { since: newest } };
      }
    },
    map: flawedMap(flaws),
  });
  return defineConnector({
    id: 'flawed-json',
    name: 'Flawed JSON',
    vendor: 'Patchbay tests',
    category: 'other',
    version: '0.0.1',
    description: 'A deliberately flawed connector for the conformance suite tests.',
    features: ['Fails conformance on purpose'],
    icon: '🧪',
    docsUrl: 'https://example.invalid/flawed',
    auth: [{ type: 'bearer' }],
    config: httpJsonConfig,
    capabilities: ['ingest'],
    streams: [records],
    allowedHosts: [{ fromConfig: 'base_url' }],
    minPlatformVersion: '0.1.0',
  });
}

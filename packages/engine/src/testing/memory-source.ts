import { z } from 'zod';
import { defineConnector, defineStream } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';

export interface MemoryItem {
  id: string;
  title: string;
  severity: number;
  updated: number;
}

/**
 * An in-memory vendor for engine tests: items in pages, faults on demand. The connector built over it
 * maps items to OCSF detection findings; `items` can change between runs.
 */
export class MemorySource {
  items: MemoryItem[] = [];
  pageSize = 2;
  /** Throw once when fetching this page index (0-based), to simulate a crash mid-sync. */
  failAtPage: number | undefined;
  /** Throw PAGE_TOKEN_EXPIRED once at this page index. */
  expireTokenAtPage: number | undefined;
  fetches = 0;
  /** The vendor prepares an export first: the stream polls every 5 s on `ctx.clock` while this is true. */
  preparing = false;
  /** Polls made while preparing. */
  polls = 0;

  page(offset: number): MemoryItem[] {
    return this.items.slice(offset, offset + this.pageSize);
  }
}

const severityId = (s: number) => (s >= 8 ? 4 : s >= 5 ? 3 : s >= 3 ? 2 : 1);

export function mapMemoryItem(item: MemoryItem) {
  return {
    class_uid: 2004,
    category_uid: 2,
    type_uid: 200401,
    activity_id: 1,
    severity_id: severityId(item.severity),
    time: item.updated,
    metadata: { version: '1.9.0-dev', product: { name: 'Memory', vendor_name: 'Patchbay tests' } },
    finding_info: { uid: item.id, title: item.title },
    status_id: 1,
  };
}

export function memoryConnector(source: MemorySource, options: { fullRefresh: boolean } = { fullRefresh: false }) {
  return defineConnector({
    id: 'memory-source',
    name: 'Memory Source',
    vendor: 'Patchbay tests',
    category: 'other',
    version: '1.0.0',
    description: 'In-memory source for engine tests',
    features: ['tests'],
    icon: '🧪',
    docsUrl: 'https://example.invalid/memory',
    auth: [],
    config: z.object({}),
    capabilities: ['ingest'],
    allowedHosts: ['memory.invalid'],
    minPlatformVersion: '0.1.0',
    streams: [
      defineStream({
        name: 'findings',
        ocsf: { class: 'detection_finding', classUid: 2004 },
        primaryKey: 'id',
        checkpoint: z.object({ offset: z.number().int().min(0) }),
        fullRefresh: options.fullRefresh,
        permissions: [],
        async *fetch(ctx, checkpoint) {
          while (source.preparing) {
            source.polls++;
            await ctx.clock.sleep(5_000, ctx.signal);
          }
          let offset = checkpoint?.offset ?? 0;
          for (let index = 0; ; index++) {
            source.fetches++;
            if (source.failAtPage === index) {
              source.failAtPage = undefined;
              throw new PatchbayError('VENDOR_UNAVAILABLE', { message: 'simulated outage' });
            }
            if (source.expireTokenAtPage === index) {
              source.expireTokenAtPage = undefined;
              throw new PatchbayError('PAGE_TOKEN_EXPIRED');
            }
            const records = source.page(offset);
            if (records.length === 0) return;
            offset += records.length;
            yield { records, checkpoint: { offset } };
          }
        },
        map: (raw: MemoryItem) => mapMemoryItem(raw),
      }),
    ],
  });
}

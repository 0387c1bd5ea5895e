import { defineStream } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { z } from 'zod';
import type { TenableConfig } from '../config.ts';
import { mapScan } from '../mappers/scan.ts';
import type { TenableScan } from '../types.ts';

/** The id of the last scan committed by this run (scans are committed in id order); null before the first page. */
export const scansCheckpoint = z.object({ after: z.number().int().nullable() });

interface ScanList {
  readonly scans?: readonly TenableScan[] | null;
}

/**
 * Full refresh of GET /scans (https://developer.tenable.com/reference/scans-list). The endpoint has no
 * paging: it returns every scan the user may see (and `scans: null` when there is none). The stream
 * commits them in pages of `scans_page_size`, in id order; after a restart it asks again and skips the
 * ids up to the checkpoint, so nothing is committed twice.
 */
export const scans = defineStream<TenableScan, typeof scansCheckpoint, TenableConfig>({
  name: 'scans',
  title: 'Scans',
  description: 'Every scan configuration the API user can see, with the status of its latest run; deleted scans are marked deleted.',
  ocsf: { class: 'scan_activity', classUid: 6007 },
  primaryKey: (scan) => String(scan.id),
  checkpoint: scansCheckpoint,
  fullRefresh: true,
  permissions: ['Basic [16] user role; a scan is listed only with Can View [16] scan permission'],
  schedule: { intervalMinutes: 60 },
  async *fetch(ctx, checkpoint) {
    const response = await ctx.http.get<ScanList>('/scans', { operation: 'list-scans' });
    const list = response.body?.scans ?? [];
    if (!Array.isArray(list)) throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: 'GET /scans answered without a scans list' });
    const after = checkpoint?.after ?? null;
    const todo = [...list].sort((a, b) => a.id - b.id).filter((scan) => after === null || scan.id > after);
    for (let i = 0; i < todo.length; i += ctx.config.scans_page_size) {
      const page = todo.slice(i, i + ctx.config.scans_page_size);
      yield { records: page, checkpoint: { after: page.at(-1)!.id } };
    }
  },
  map: mapScan,
});

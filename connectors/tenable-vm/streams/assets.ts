import { defineStream, exportJobStateSchema, runExportJob } from '@patchbay/sdk';
import { z } from 'zod';
import type { TenableConfig } from '../config.ts';
import { mapAsset } from '../mappers/asset.ts';
import type { TenableAsset } from '../types.ts';
import { downloadChunk, pollExport, startExport } from './tenable-export.ts';

/** The asset export in progress and its downloaded chunks; null once the run's export is complete. */
export const assetsCheckpoint = z.object({ export: exportJobStateSchema.nullable() });

/** An asset Tenable reports as deleted or terminated is no longer in the inventory. */
const isLive = (asset: TenableAsset) => !asset.deleted_at && !asset.terminated_at;

/**
 * Full refresh through the asset export API (https://developer.tenable.com/reference/exports-assets-request-export):
 * every run exports every asset, chunk by chunk (a restart resumes the same export and skips the chunks
 * done), and the engine marks assets the run did not see as deleted.
 */
export const assets = defineStream<TenableAsset, typeof assetsCheckpoint, TenableConfig>({
  name: 'assets',
  title: 'Assets',
  description: 'Every asset from the asset export API on each run; assets that disappear (deleted, terminated, aged out) are marked deleted.',
  ocsf: { class: 'inventory_info', classUid: 5001 },
  primaryKey: 'id',
  checkpoint: assetsCheckpoint,
  fullRefresh: true,
  permissions: ['Administrator [64] user role (or a custom role with the asset export privilege)'],
  schedule: { intervalMinutes: 360 },
  async *fetch(ctx, checkpoint) {
    const pages = runExportJob<TenableAsset>({
      clock: ctx.clock,
      signal: ctx.signal,
      state: checkpoint?.export ?? undefined,
      start: () => startExport(ctx, 'assets', { chunk_size: ctx.config.asset_chunk_size, filters: {} }),
      poll: (id) => pollExport(ctx, 'assets', id),
      download: (id, chunk) => downloadChunk<TenableAsset>(ctx, 'assets', id, chunk),
    });
    for await (const page of pages) yield { records: page.records.filter(isLive), checkpoint: { export: page.state } };
  },
  map: mapAsset,
});

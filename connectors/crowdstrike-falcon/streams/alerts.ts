import { datetimeCursorStateSchema, defineStream, incrementalByDatetime } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { z } from 'zod';
import type { CrowdStrikeConfig } from '../config.ts';
import { mapAlert, type AlertRecord } from '../mappers/alert.ts';
import { epochOf } from '../mappers/vendor-time.ts';
import { alertPages } from './alert-pages.ts';

export const alertsCheckpoint = z.object({ cursor: datetimeCursorStateSchema });

const DAY_MS = 86_400_000;

function updatedAt(alert: AlertRecord): number {
  if (alert.updated_timestamp === undefined) throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `Alert ${alert.composite_id} has no updated_timestamp`, field: 'updated_timestamp' });
  return epochOf(alert.updated_timestamp, 'updated_timestamp');
}

/**
 * Falcon alerts (Alerts API v2), incremental on `updated_timestamp` with an overlap: every status change,
 * assignment or comment brings the alert again. The checkpoint is the SDK's datetime cursor, which
 * compares (time, composite id), so equal times at a page boundary lose and repeat nothing.
 */
export const alerts = defineStream<AlertRecord, typeof alertsCheckpoint, CrowdStrikeConfig>({
  name: 'alerts',
  title: 'Alerts',
  description: 'Endpoint (and other Falcon product) alerts, created or changed since the last run.',
  ocsf: { class: 'detection_finding', classUid: 2004 },
  primaryKey: 'composite_id',
  checkpoint: alertsCheckpoint,
  fullRefresh: false,
  permissions: ['alerts:read'],
  schedule: { intervalMinutes: 5 },
  async *fetch(ctx, checkpoint) {
    const pages = incrementalByDatetime<AlertRecord>({
      clock: ctx.clock,
      state: checkpoint?.cursor,
      startAt: (now) => new Date(now.getTime() - ctx.config.start_days_ago * DAY_MS),
      overlapMs: ctx.config.overlap_minutes * 60_000,
      timestamp: updatedAt,
      id: (alert) => alert.composite_id,
      order: 'ascending',
      query: (window) => alertPages(ctx, window),
    });
    for await (const page of pages) yield { records: page.records, checkpoint: { cursor: page.state } };
  },
  map: mapAlert,
});

import { datetimeCursorStateSchema, defineStream, incrementalByDatetime, type ConnectorContext, type TimeWindow } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { z } from 'zod';
import type { ServiceNowConfig } from '../config.ts';
import { mapIncident } from '../mappers/incident.ts';
import { snTime, snTimeMs, sysIdOf, valueOf, type TableRecord } from '../table-record.ts';
import { tablePages } from './table-pages.ts';

const DAY_MS = 86_400_000;
/** Re-read this much before the cursor each run, for updates committed late. */
const OVERLAP_MS = 60_000;
/**
 * sys_updated_on has whole seconds: a run reads only seconds that are over, so an update later in the
 * second it read cannot share the (timestamp, sys_id) pair the cursor remembers and be skipped.
 */
const LAG_MS = 1000;
const MAX_RESTARTS = 5;

export const incidentsCheckpoint = z.object({ cursor: datetimeCursorStateSchema });

const updatedMs = (record: TableRecord): number => {
  const ms = snTimeMs(valueOf(record, 'sys_updated_on'));
  if (ms === undefined) throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `ServiceNow incident ${sysIdOf(record)} has no sys_updated_on` });
  return ms;
};

/**
 * The incidents updated in a window, oldest first: `sys_updated_on>=from^sys_updated_on<=to` (UTC, whole
 * seconds) with the instance's filter, ORDERBYsys_updated_on^ORDERBYsys_id, paged by offset. An incident
 * updated while the window is read leaves it (its new time is after `to`), which moves later offsets back:
 * when X-Total-Count falls, the window is read again from the last update time yielded (the cursor skips
 * what it already has), so no incident is skipped.
 */
async function* windowRecords(ctx: ConnectorContext<ServiceNowConfig>, window: TimeWindow): AsyncGenerator<readonly TableRecord[]> {
  const filter = ctx.config.incident_query ? [ctx.config.incident_query] : [];
  let from = window.from.getTime();
  for (let restarts = 0; ; restarts += 1) {
    let shrunk = false;
    const conditions = [`sys_updated_on>=${snTime(from)}`, `sys_updated_on<=${snTime(window.to)}`, ...filter];
    for await (const page of tablePages(ctx, { table: 'incident', conditions, orderBy: ['sys_updated_on', 'sys_id'], operation: 'list-incidents' })) {
      if (page.shrunk) {
        shrunk = true;
        break;
      }
      for (const record of page.records) from = Math.max(from, updatedMs(record));
      yield page.records;
    }
    if (!shrunk) return;
    if (restarts >= MAX_RESTARTS) {
      throw new PatchbayError('VENDOR_UNAVAILABLE', { message: `ServiceNow incidents kept changing while they were read (${MAX_RESTARTS + 1} times): the run stops and the next one resumes from its checkpoint` });
    }
  }
}

/** Incidents, incremental on sys_updated_on: new ones and every change (state moves included) reach Patchbay. */
export const incidents = defineStream<TableRecord, typeof incidentsCheckpoint, ServiceNowConfig>({
  name: 'incidents',
  title: 'Incidents',
  description: 'Incidents created or updated since the last run (incremental on sys_updated_on); the tickets Patchbay opened follow their state through it.',
  ocsf: { class: 'incident_finding', classUid: 2005 },
  primaryKey: sysIdOf,
  checkpoint: incidentsCheckpoint,
  fullRefresh: false,
  permissions: ['itil'],
  schedule: { intervalMinutes: 5 },
  fetch: async function* (ctx, checkpoint) {
    const pages = incrementalByDatetime<TableRecord>({
      clock: ctx.clock,
      state: checkpoint?.cursor,
      startAt: (now) => new Date(now.getTime() - ctx.config.incident_start_days * DAY_MS),
      overlapMs: OVERLAP_MS,
      lagMs: LAG_MS,
      timestamp: updatedMs,
      id: sysIdOf,
      order: 'ascending',
      query: (window) => windowRecords(ctx, window),
    });
    for await (const page of pages) yield { records: page.records, checkpoint: { cursor: page.state } };
  },
  map: mapIncident,
});

import { datetimeCursorStateSchema, defineStream, incrementalByDatetime, type ConnectorContext } from '@patchbay/sdk';
import { z } from 'zod';
import { requireBaseUrl, type SplunkConfig } from '../config.ts';
import { mapNotableEvent, type NotableEvent } from '../mappers/notable-event.ts';
import { MAX_RESULTS_PER_JOB, searchWindow } from '../search/search-job.ts';

const checkpoint = z.object({ cursor: datetimeCursorStateSchema });

const DAY_MS = 86_400_000;

/**
 * Notable events, incremental on `_time`: each run searches from the cursor minus `overlap_minutes` to
 * now, one search job per window of at most `window_hours`. Splunk lists events newest first (and a
 * search's own commands may reorder them), so each window is read whole, sorted by (`_time`,
 * `event_id`) and committed page by page: equal times at a page boundary lose nothing and repeat nothing,
 * and a window too large for one job is halved.
 */
async function* fetchNotables(ctx: ConnectorContext<SplunkConfig>, state: z.output<typeof checkpoint> | undefined) {
  requireBaseUrl(ctx.config);
  const pages = incrementalByDatetime<NotableEvent>({
    clock: ctx.clock,
    state: state?.cursor,
    startAt: (now) => new Date(now.getTime() - ctx.config.start_days_ago * DAY_MS),
    overlapMs: ctx.config.overlap_minutes * 60_000,
    timestamp: (notable) => notable._time,
    id: (notable) => notable.event_id,
    order: 'descending',
    windowMs: ctx.config.window_hours * 3_600_000,
    pageSize: ctx.config.page_size,
    maxBuffered: MAX_RESULTS_PER_JOB - 1,
    query: (window) => searchWindow<NotableEvent>(ctx, window),
  });
  for await (const page of pages) yield { records: page.records, checkpoint: { cursor: page.state } };
}

export const notableEvents = defineStream<NotableEvent, typeof checkpoint, SplunkConfig>({
  name: 'notable-events',
  title: 'Notable events',
  description: 'Splunk Enterprise Security notable events (or the results of your own search), incremental on _time, as OCSF Detection Findings.',
  ocsf: { class: 'detection_finding', classUid: 2004 },
  primaryKey: 'event_id',
  checkpoint,
  fullRefresh: false,
  permissions: ['search (capability)', 'read access to the notable index (srchIndexesAllowed)'],
  schedule: { intervalMinutes: 5 },
  fetch: fetchNotables,
  map: mapNotableEvent,
});

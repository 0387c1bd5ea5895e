import { defineStream, paginateLink, type ConnectorContext } from '@patchbay/sdk';
import { z } from 'zod';
import type { OktaConfig } from '../config.ts';
import { mapLogEvent } from '../mappers/log-event.ts';
import type { OktaLogEvent } from '../mappers/okta-types.ts';

const DAY_MS = 86_400_000;

/**
 * `next`: the rel="next" link of the last page read, which resumes the poll exactly after its last event.
 * `since`: only when Okta gave no next link (not a polling answer): the published time of the last event,
 * read again inclusively (events are keyed by uuid, so a re-read event is unchanged, never duplicated).
 */
export const systemLogCheckpoint = z.object({ next: z.string().nullable(), since: z.string().nullable() });
type Checkpoint = z.output<typeof systemLogCheckpoint>;

/**
 * The stored next link's path and query on the configured org URL: after base_url changes (a custom
 * domain, a moved org, a restarted simulator) the poll resumes there, never at the old address.
 */
export function resumeAt(next: string, baseUrl: string): string {
  const link = new URL(next);
  return new URL(`${link.pathname}${link.search}`, baseUrl).href;
}

/**
 * Okta's polling pattern for the System Log (https://developer.okta.com/docs/reference/system-log-query/,
 * "Polling requests"): a first request with `since` and sortOrder=ASCENDING and no `until`, then the
 * rel="next" links, which Okta always returns for polling requests. A page without events means the
 * poll has caught up: the run ends and the next run follows the last stored link.
 */
async function* poll(ctx: ConnectorContext<OktaConfig>, checkpoint: Checkpoint | undefined) {
  const config = ctx.config;
  const since = checkpoint?.since ?? new Date(ctx.clock.now().getTime() - config.log_start_days * DAY_MS).toISOString();
  const request = {
    url: '/api/v1/logs',
    query: { since, sortOrder: 'ASCENDING', limit: config.log_page_size, ...(config.log_filter ? { filter: config.log_filter } : {}) },
    operation: 'list-log-events',
  };
  const start = checkpoint?.next ? resumeAt(checkpoint.next, config.base_url) : undefined;
  for await (const page of paginateLink<OktaLogEvent>(ctx, { request, items: '', ...(start ? { start } : {}) })) {
    if (page.items.length === 0) return;
    const last = page.items.at(-1)!;
    yield { records: page.items, checkpoint: page.next ? { next: page.next, since: null } : { next: null, since: last.published } };
    if (page.next === null) return;
  }
}

export const systemLog = defineStream<OktaLogEvent, typeof systemLogCheckpoint, OktaConfig>({
  name: 'system-log',
  title: 'System Log',
  description: 'Okta System Log events (sign-ins, lifecycle, admin and API activity), polled incrementally.',
  // The declaration takes one class: most events are sign-ins. Account and group changes map to 3001 and
  // 3006, other events to API Activity 6003 (mappers/log-event-class.ts, README "System Log event types").
  ocsf: { class: 'authentication', classUid: 3002 },
  primaryKey: 'uuid',
  checkpoint: systemLogCheckpoint,
  fullRefresh: false,
  permissions: ['okta.logs.read'],
  schedule: { intervalMinutes: 5 },
  fetch: poll,
  map: mapLogEvent,
});

import { defineStream, type ConnectorContext, type StreamPage } from '@patchbay/sdk';
import type { PagerDutyConfig } from '../config.ts';
import { mapIncident } from '../mappers/incident.ts';
import { statusChangedAt, type PagerDutyIncident } from '../mappers/incident-types.ts';
import { earliest, incidentsCheckpoint, iso, latest, type IncidentsCheckpoint, type RunState } from './incident-checkpoint.ts';
import { listIncidents } from './incident-listing.ts';

const DAY_MS = 86_400_000;
/** Allowance for PagerDuty's clock running behind the hub's: the cursor never comes closer than this to a run's start. */
const CLOCK_SKEW_MS = 60_000;

type Ctx = ConnectorContext<PagerDutyConfig>;
type Page = StreamPage<PagerDutyIncident, IncidentsCheckpoint>;

const ms = Date.parse;

/** Folds incidents read into the run's knowledge: the latest status change, the oldest still-open creation. */
function learn(run: RunState, incidents: readonly PagerDutyIncident[]): RunState {
  let { newest, oldest_open: oldestOpen } = run;
  for (const incident of incidents) {
    newest = latest(newest, statusChangedAt(incident));
    if (incident.status !== 'resolved') oldestOpen = earliest(oldestOpen, incident.created_at);
  }
  return { ...run, newest, oldest_open: oldestOpen };
}

/**
 * Reads the incidents that may have changed since the last run, yielding those whose last status change
 * is after the cursor. PagerDuty filters GET /incidents by creation time only (since/until), so a run
 * reads (1) the open incidents created before `since`, from a statuses[]=triggered,acknowledged listing
 * over all dates (on a first run: open incidents older than start_days; later: reopened ones), then
 * (2) every incident created in [since, run start), in creation windows of window_days. An incident
 * created before `since` was resolved when the last run ended; only a reopening can change it, and (1)
 * finds those. Listings are sorted by creation and offset-paged; the run's position is in every page's
 * checkpoint, so a crash resumes where it stopped.
 */
async function* readIncidents(ctx: Ctx, checkpoint: IncidentsCheckpoint | undefined): AsyncGenerator<Page> {
  const state: IncidentsCheckpoint = checkpoint ?? { cursor: null, since: null, run: null };
  const startedAt = ctx.clock.now().getTime();
  const since = state.since ?? iso(startedAt - ctx.config.start_days * DAY_MS);
  let run: RunState = state.run ?? { until: iso(startedAt), since, phase: 'reopened', window: since, offset: 0, newest: null, oldest_open: null };
  const changed = (incident: PagerDutyIncident) => state.cursor === null || ms(statusChangedAt(incident)) > ms(state.cursor);
  const page = (records: readonly PagerDutyIncident[]): Page => ({ records, checkpoint: { ...state, run } });

  while (run.phase === 'reopened') {
    const listing = await listIncidents(ctx, { date_range: 'all', 'statuses[]': ['triggered', 'acknowledged'] }, run.offset);
    const older = listing.incidents.filter((i) => ms(i.created_at) < ms(run.since));
    const done = !listing.more || older.length < listing.incidents.length;
    run = done ? { ...learn(run, older), phase: 'windows', window: run.since, offset: 0 } : { ...learn(run, older), offset: run.offset + listing.incidents.length };
    const records = older.filter(changed);
    if (records.length > 0) yield page(records);
  }

  const windowMs = ctx.config.window_days * DAY_MS;
  while (ms(run.window) < ms(run.until)) {
    const from = ms(run.window);
    const to = Math.min(from + windowMs, ms(run.until));
    const listing = await listIncidents(ctx, { since: iso(from), until: iso(to) }, run.offset);
    // Half-open windows: an incident on a boundary belongs to the later one, whatever PagerDuty's bounds are.
    const inside = listing.incidents.filter((i) => ms(i.created_at) >= from && ms(i.created_at) < to);
    run = listing.more ? { ...learn(run, inside), offset: run.offset + listing.incidents.length } : { ...learn(run, inside), window: iso(to), offset: 0 };
    const records = inside.filter(changed);
    if (records.length > 0) yield page(records);
  }

  // Every status change up to min(newest read, run start - skew) has been read: the next run yields later ones.
  const bound = ms(run.until) - CLOCK_SKEW_MS;
  const reached = run.newest === null ? bound : Math.min(ms(run.newest), bound);
  const cursor = state.cursor !== null && ms(state.cursor) > reached ? state.cursor : iso(reached);
  yield { records: [], checkpoint: { cursor, since: run.oldest_open ?? iso(bound), run: null } };
}

/**
 * PagerDuty incidents (GET /incidents), incremental on each incident's last status change, as OCSF
 * Incident Findings: the ticket engine follows ticket status through this stream.
 */
export const incidents = defineStream<PagerDutyIncident, typeof incidentsCheckpoint, PagerDutyConfig>({
  name: 'incidents',
  title: 'Incidents',
  description: 'PagerDuty incidents with their status, urgency, priority, assignee and escalation policy; the tickets Patchbay opens are among them.',
  ocsf: { class: 'incident_finding', classUid: 2005 },
  primaryKey: 'id',
  checkpoint: incidentsCheckpoint,
  fullRefresh: false,
  permissions: ['incidents.read'],
  schedule: { intervalMinutes: 5 },
  fetch: readIncidents,
  map: mapIncident,
});

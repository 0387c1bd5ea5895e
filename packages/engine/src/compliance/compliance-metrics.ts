import { and, eq, gte } from 'drizzle-orm';
import { organizations as organizationsTable, outbox } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { emitEvents } from '../events/envelope.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { measureCompliance, type ComplianceMetrics } from './measure-compliance.ts';

export const COMPLIANCE_METRICS_EVENT = 'compliance.metrics';
export const DEFAULT_COMPLIANCE_INTERVAL_MS = 3_600_000;
const MINUTE = 60_000;
/** The longest interval: a week. */
const MAX_INTERVAL_MS = 7 * 24 * 60 * MINUTE;

export interface ComplianceOptions {
  /** How often compliance metrics are sent (clock time, whole minutes from 1 minute to a week; default hourly). */
  readonly metricsIntervalMs?: number;
}

/** The interval from PATCHBAY_COMPLIANCE_METRICS_MINUTES (unset: hourly); anything else than 1..10080 minutes is refused. */
export function complianceOptionsFromEnv(env: Record<string, string | undefined>): ComplianceOptions {
  const raw = env.PATCHBAY_COMPLIANCE_METRICS_MINUTES;
  if (raw === undefined || raw.trim() === '') return {};
  const minutes = Number(raw);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_INTERVAL_MS / MINUTE) {
    throw new PatchbayError('VALIDATION_FAILED', { field: 'PATCHBAY_COMPLIANCE_METRICS_MINUTES', message: `must be a whole number of minutes from 1 to ${MAX_INTERVAL_MS / MINUTE}, not ${JSON.stringify(raw)}`, hint: 'Unset it for hourly metrics.' });
  }
  return { metricsIntervalMs: minutes * MINUTE };
}

function intervalOf(options: ComplianceOptions): number {
  const ms = options.metricsIntervalMs ?? DEFAULT_COMPLIANCE_INTERVAL_MS;
  if (!Number.isInteger(ms) || ms < MINUTE || ms > MAX_INTERVAL_MS || ms % MINUTE !== 0) {
    throw new PatchbayError('VALIDATION_FAILED', { field: 'compliance.metricsIntervalMs', message: `must be whole minutes from 1 minute to a week, not ${ms} ms` });
  }
  return ms;
}

/** The `data` of a `compliance.metrics` event (docs/events.md; its JSON Schema is in the catalogue). */
export type ComplianceMetricsData = ComplianceMetrics & { readonly measured_at: string; readonly period_start: string; readonly interval_seconds: number };

export interface ComplianceRun {
  /** Events written (one per organisation, source instance and standard). */
  readonly events: number;
  readonly organizations: number;
}

/**
 * Compliance metrics on a schedule: once per interval (aligned on the clock: hourly metrics go out just
 * after each full hour) every organisation with compliance findings gets one `compliance.metrics` event
 * per source instance and standard, written to the outbox in one transaction per organisation, so
 * subscriptions and SIEM destinations receive them like any event. The housekeeping task (`runDue`) runs
 * every minute in the scheduler's process, one process at a time on PostgreSQL; an organisation that
 * already has this period's events is skipped, so a restart or a second scheduler sends nothing twice.
 */
export function createComplianceMetrics(deps: EngineDeps, options: ComplianceOptions = {}) {
  const { db } = deps.database;
  const intervalMs = intervalOf(options);
  let doneUpTo = -1;

  /** Measures one organisation and writes its events (in the caller's period); returns how many. */
  async function emitFor(organizationId: string, periodStart: Date): Promise<number> {
    return db.transaction(async (tx) => {
      const [already] = await tx
        .select({ seq: outbox.seq })
        .from(outbox)
        .where(and(eq(outbox.organizationId, organizationId), eq(outbox.type, COMPLIANCE_METRICS_EVENT), gte(outbox.occurredAt, periodStart)))
        .limit(1);
      if (already) return 0;
      const now = deps.clock.now();
      const metrics = await measureCompliance(tx, organizationId);
      await emitEvents(
        tx,
        metrics.map((m) => ({
          organizationId,
          instanceId: m.instance_id,
          type: COMPLIANCE_METRICS_EVENT,
          occurredAt: now,
          data: { ...m, measured_at: now.toISOString(), period_start: periodStart.toISOString(), interval_seconds: intervalMs / 1000 } satisfies ComplianceMetricsData,
        })),
      );
      return metrics.length;
    });
  }

  return {
    intervalMs,
    /** How often the housekeeping task looks whether a period is due. */
    checkEveryMs: Math.min(intervalMs, MINUTE),

    /** The current measurement of an organisation, without sending anything (API, tests). */
    measure: (organizationId: string) => measureCompliance(db, organizationId),

    /** Sends this period's metrics for every organisation that has not had them yet. */
    async runDue(): Promise<ComplianceRun> {
      const now = deps.clock.now().getTime();
      const periodStart = Math.floor(now / intervalMs) * intervalMs;
      if (periodStart <= doneUpTo) return { events: 0, organizations: 0 };
      // Organisations are few; each one's measurement reads its compliance findings through (organization_id, class_uid).
      const organizations = await db.select({ id: organizationsTable.id }).from(organizationsTable);
      let events = 0;
      let sent = 0;
      for (const { id } of organizations) {
        const n = await emitFor(id, new Date(periodStart));
        events += n;
        if (n > 0) sent += 1;
      }
      doneUpTo = periodStart;
      if (events > 0) deps.log.info({ events, organizations: sent, periodStart: new Date(periodStart).toISOString() }, 'compliance metrics sent');
      return { events, organizations: sent };
    },
  };
}

export type ComplianceMetricsService = ReturnType<typeof createComplianceMetrics>;

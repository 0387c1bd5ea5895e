import { sql } from 'drizzle-orm';
import type { Db } from '@patchbay/store';

/** OCSF Compliance Finding: the class whose records the metrics count. */
export const COMPLIANCE_FINDING_CLASS = 2003;

/** Findings per OCSF `compliance.status_id`: 1 Pass, 2 Warning, 3 Fail, 0 Unknown (no result), 99 Other. */
export interface ComplianceCounts {
  findings: number;
  passed: number;
  failed: number;
  warning: number;
  unknown: number;
  other: number;
  /** passed / (passed + failed + warning), 4 decimals; null when nothing was evaluated. */
  pass_ratio: number | null;
}

export interface SeverityMetrics extends ComplianceCounts {
  readonly severity_id: number | null;
  readonly severity: string;
}

export type ControlStatus = 'passed' | 'failed' | 'warning' | 'unknown';

export interface ControlMetrics extends ComplianceCounts {
  readonly control: string;
  /** failed if any finding failed, else warning if any warned, else passed if any passed, else unknown. */
  status: ControlStatus;
  /** The highest OCSF severity_id among the control's findings. */
  severity_id: number | null;
}

/** One measurement: the current compliance findings of one source instance for one standard. */
export interface ComplianceMetrics extends ComplianceCounts {
  readonly instance_id: string;
  readonly instance_name: string;
  readonly connector_id: string;
  /** The standard's id as the connector wrote it (`compliance.standards[]`); null for findings that name none. */
  readonly standard: string | null;
  /** Controls by their status; a control passes when every evaluated finding of it passed. */
  readonly controls: { total: number; passed: number; failed: number; warning: number; unknown: number; pass_ratio: number | null };
  readonly by_severity: SeverityMetrics[];
  readonly by_control: ControlMetrics[];
}

const SEVERITY_NAMES: Readonly<Record<number, string>> = { 0: 'Unknown', 1: 'Informational', 2: 'Low', 3: 'Medium', 4: 'High', 5: 'Critical', 6: 'Fatal', 99: 'Other' };

const ratio = (passed: number, evaluated: number): number | null => (evaluated === 0 ? null : Math.round((passed / evaluated) * 10_000) / 10_000);

const emptyCounts = (): ComplianceCounts => ({ findings: 0, passed: 0, failed: 0, warning: 0, unknown: 0, other: 0, pass_ratio: null });

function add(counts: ComplianceCounts, statusId: number, n: number): void {
  counts.findings += n;
  if (statusId === 1) counts.passed += n;
  else if (statusId === 2) counts.warning += n;
  else if (statusId === 3) counts.failed += n;
  else if (statusId === 0) counts.unknown += n;
  else counts.other += n;
  counts.pass_ratio = ratio(counts.passed, counts.passed + counts.failed + counts.warning);
}

function controlStatus(c: ComplianceCounts): ControlStatus {
  return c.failed > 0 ? 'failed' : c.warning > 0 ? 'warning' : c.passed > 0 ? 'passed' : 'unknown';
}

interface Row {
  instance_id: string;
  instance_name: string;
  connector_id: string;
  standard: string | null;
  control: string | null;
  severity_id: number | null;
  status_id: number;
  n: number;
}

/** Severity order for "the highest": null below Other (99) below Unknown (0) .. Fatal (6). */
const rank = (s: number | null): number => (s === null ? -2 : s === 99 ? -1 : s);
const higher = (a: number | null, b: number | null): number | null => (rank(b) > rank(a) ? b : a);

/**
 * Measures an organisation's compliance posture from its stored records: every Compliance Finding
 * (class 2003) not deleted, counted per source instance and standard (`compliance.standards`, a finding
 * in two standards counts in both), and within those per control (`compliance.control`) and per severity,
 * by `compliance.status_id`. One grouped query; the rest is arithmetic.
 */
export async function measureCompliance(tx: Db, organizationId: string): Promise<ComplianceMetrics[]> {
  const result = await tx.execute(sql`
    select r.instance_id as instance_id, i.name as instance_name, i.connector_id as connector_id, s.standard as standard,
           r.data #>> '{compliance,control}' as control, r.severity_id as severity_id,
           case when jsonb_typeof(r.data #> '{compliance,status_id}') = 'number' then (r.data #>> '{compliance,status_id}')::numeric::int else 0 end as status_id,
           count(*)::int as n
    from records r
    join integration_instances i on i.id = r.instance_id
    left join lateral (
      select distinct value as standard
      from jsonb_array_elements_text(case when jsonb_typeof(r.data #> '{compliance,standards}') = 'array' then r.data #> '{compliance,standards}' else '[]'::jsonb end)
    ) s on true
    where r.organization_id = ${organizationId} and r.class_uid = ${COMPLIANCE_FINDING_CLASS} and r.deleted_at is null
    group by 1, 2, 3, 4, 5, 6, 7`);
  const rows = (result as unknown as { rows: Row[] }).rows;

  const groups = new Map<string, { head: Row; total: ComplianceCounts; severity: Map<number | null, ComplianceCounts>; control: Map<string, ControlMetrics> }>();
  for (const row of rows) {
    const statusId = Number(row.status_id);
    const n = Number(row.n);
    const severityId = row.severity_id === null ? null : Number(row.severity_id);
    const key = `${row.instance_id}\u0000${row.standard === null ? '\u0001' : row.standard}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { head: row, total: emptyCounts(), severity: new Map(), control: new Map() }));
    add(group.total, statusId, n);
    const bySeverity = group.severity.get(severityId) ?? emptyCounts();
    group.severity.set(severityId, bySeverity);
    add(bySeverity, statusId, n);
    if (row.control !== null && row.control !== '') {
      const control = group.control.get(row.control) ?? { control: row.control, ...emptyCounts(), status: 'unknown' as ControlStatus, severity_id: null };
      group.control.set(row.control, control);
      add(control, statusId, n);
      control.status = controlStatus(control);
      control.severity_id = higher(control.severity_id, severityId);
    }
  }

  const metrics: ComplianceMetrics[] = [];
  for (const { head, total, severity, control } of groups.values()) {
    const controls = [...control.values()].sort((a, b) => (a.control < b.control ? -1 : a.control > b.control ? 1 : 0));
    const count = (status: ControlStatus) => controls.filter((c) => c.status === status).length;
    const [passed, failed, warning] = [count('passed'), count('failed'), count('warning')];
    metrics.push({
      instance_id: head.instance_id,
      instance_name: head.instance_name,
      connector_id: head.connector_id,
      standard: head.standard,
      ...total,
      controls: { total: controls.length, passed, failed, warning, unknown: count('unknown'), pass_ratio: ratio(passed, passed + failed + warning) },
      by_severity: [...severity.entries()]
        .sort(([a], [b]) => (a ?? -1) - (b ?? -1))
        .map(([severityId, counts]) => ({ severity_id: severityId, severity: severityId === null ? 'Unknown' : (SEVERITY_NAMES[severityId] ?? 'Other'), ...counts })),
      by_control: controls,
    });
  }
  const order = (m: ComplianceMetrics) => `${m.instance_name}\u0000${m.instance_id}\u0000${m.standard ?? '\uffff'}`;
  return metrics.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

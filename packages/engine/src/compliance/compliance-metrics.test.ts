import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineConnector, defineStream, type DestinationBatch } from '@patchbay/sdk';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { ManualClock } from '@patchbay/types';
import type { AsffFinding } from '../../../../connectors/aws-security-hub/mappers/asff.ts';
import { mapFinding } from '../../../../connectors/aws-security-hub/mappers/finding.ts';
import { FindingStore } from '../../../../connectors/aws-security-hub/simulator/finding-store.ts';
import { eventCatalog } from '../events/catalog.ts';
import { MemorySource, memoryConnector } from '../testing/memory-source.ts';
import { createEventsFixture, type EventsFixture } from '../webhooks/testing/fixture.ts';
import { waitFor } from '../workers/test-support.ts';
import { createComplianceMetrics, complianceOptionsFromEnv, type ComplianceMetricsData } from './compliance-metrics.ts';

const HOUR = 3_600_000;
const FSBP = 'standards/aws-foundational-security-best-practices/v/1.0.0';
const CIS = 'standards/cis-aws-foundations-benchmark/v/1.4.0';
const CIS_LEGACY = 'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0';

/** Security Hub control findings as the vendor sends them (the simulator's ASFF), with the status, control, standards and severity each test needs. */
class ControlFindings {
  items: AsffFinding[] = [];
  readonly #template: AsffFinding;
  #n = 0;
  constructor() {
    const store = new FindingStore(new ManualClock('2026-02-28T00:00:00Z'), ['control'], ['us-east-1']);
    store.seed({ count: 1 });
    this.#template = store.all()[0]!;
  }
  add(control: string, status: 'PASSED' | 'FAILED' | 'WARNING' | 'NOT_AVAILABLE', severity: string, standards: string[], legacy = false): void {
    const n = ++this.#n;
    const compliance = legacy ? { Status: status } : { Status: status, SecurityControlId: control, AssociatedStandards: standards.map((StandardsId) => ({ StandardsId })) };
    const productFields: Record<string, string> = legacy ? { StandardsArn: standards[0]!, ControlId: control } : {};
    this.items.push({ ...this.#template, Id: `${this.#template.Id}-${n}`, Severity: { Label: severity }, Compliance: compliance, ProductFields: productFields });
  }
}

/** Each instance reads the findings named by its `account` setting. */
function complianceLab(accounts: Record<string, ControlFindings>) {
  return defineConnector({
    id: 'compliance-lab',
    name: 'Compliance Lab',
    vendor: 'Patchbay tests',
    category: 'cloud-security',
    version: '1.0.0',
    description: 'Security Hub control findings from memory, mapped by the aws-security-hub mapper',
    features: ['tests'],
    icon: '🧪',
    docsUrl: 'https://example.invalid/compliance-lab',
    auth: [],
    config: z.object({ account: z.string() }),
    capabilities: ['ingest'],
    allowedHosts: ['compliance.invalid'],
    minPlatformVersion: '0.1.0',
    streams: [
      defineStream({
        name: 'controls',
        ocsf: { class: 'compliance_finding', classUid: 2003 },
        primaryKey: 'Id',
        checkpoint: z.object({}),
        fullRefresh: true,
        permissions: [],
        async *fetch(ctx) {
          yield { records: accounts[(ctx.config as { account: string }).account]!.items, checkpoint: {} };
        },
        map: (raw: AsffFinding, meta) => mapFinding(raw, meta),
      }),
    ],
  });
}

const received: DestinationBatch[] = [];
const siem = defineConnector({
  id: 'metrics-siem',
  name: 'Metrics SIEM',
  vendor: 'Patchbay tests',
  category: 'siem',
  version: '1.0.0',
  description: 'A destination that keeps what it is sent',
  features: ['tests'],
  icon: '🧪',
  docsUrl: 'https://example.invalid/metrics-siem',
  auth: [],
  config: z.object({}),
  capabilities: ['destination'],
  allowedHosts: ['siem.invalid'],
  minPlatformVersion: '0.1.0',
  destination: {
    formats: ['splunk-hec', 'ocsf-json', 'cef', 'leef', 'rfc5424'],
    send: async (_ctx, batch) => void received.push(batch),
  },
});

type Metric = ComplianceMetricsData;

/** Checks `value` against the catalogue's JSON Schema subset (types, required keys, nested objects and arrays). */
function conforms(schema: Record<string, unknown>, value: unknown, path = 'data'): string[] {
  const types = schema.type === undefined ? [] : ([] as string[]).concat(schema.type as string | string[]);
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
  const t = typeOf(value);
  if (types.length && !types.includes(t) && !(t === 'integer' && types.includes('number'))) return [`${path}: ${t} is not ${types.join('|')}`];
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return [`${path}: ${String(value)} not in enum`];
  const problems: string[] = [];
  if (t === 'object') {
    const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in (value as object))) problems.push(`${path}.${key}: missing`);
    for (const [key, sub] of Object.entries(properties)) if (key in (value as object)) problems.push(...conforms(sub, (value as Record<string, unknown>)[key], `${path}.${key}`));
  }
  if (t === 'array' && schema.items) (value as unknown[]).forEach((v, i) => problems.push(...conforms(schema.items as Record<string, unknown>, v, `${path}[${i}]`)));
  return problems;
}

describe.each(testDatabaseKinds())('compliance metrics on %s', (kind) => {
  let f: EventsFixture;
  const a = new ControlFindings();
  const b = new ControlFindings();
  let ids: { a: string; b: string; siem: string };

  const metricsEvents = async () =>
    (await f.db.database.query<{ instance_id: string; data: Metric; occurred_at: Date }>(`select instance_id, data, occurred_at from outbox where type = 'compliance.metrics' order by seq`)).map((r) => ({ ...r, data: r.data }));

  beforeAll(async () => {
    received.length = 0;
    f = await createEventsFixture(kind, { connectors: [complianceLab({ a, b }), siem, memoryConnector(new MemorySource())], compliance: { metricsIntervalMs: HOUR } });
    const labA = await f.engine.instances.create(f.actor, { name: 'aws-prod', connectorId: 'compliance-lab', configuration: { account: 'a' } });
    const labB = await f.engine.instances.create(f.actor, { name: 'aws-dev', connectorId: 'compliance-lab', configuration: { account: 'b' } });
    const detections = await f.engine.instances.create(f.actor, { name: 'edr', connectorId: 'memory-source' });
    const out = await f.engine.instances.create(f.actor, { name: 'siem', connectorId: 'metrics-siem' });
    ids = { a: labA.id, b: labB.id, siem: out.id };

    a.add('S3.1', 'PASSED', 'INFORMATIONAL', [FSBP, CIS]);
    a.add('S3.1', 'FAILED', 'HIGH', [FSBP, CIS]);
    a.add('S3.2', 'PASSED', 'LOW', [FSBP]);
    a.add('S3.3', 'WARNING', 'MEDIUM', [FSBP]);
    a.add('S3.4', 'NOT_AVAILABLE', 'INFORMATIONAL', [FSBP]);
    a.add('EC2.1', 'FAILED', 'CRITICAL', [CIS]);
    a.add('1.10', 'PASSED', 'LOW', [CIS_LEGACY], true);
    a.add('X.1', 'FAILED', 'LOW', []);
    b.add('S3.1', 'PASSED', 'LOW', [FSBP]);
    // Another organisation's compliance findings and this one's detections stay out of these numbers.
    for (const instance of [labA, labB, detections]) {
      await f.engine.instances.activate(f.actor, instance.id);
      const [run] = await f.engine.sync.runNow(f.actor, instance.id);
      expect(run).toMatchObject({ status: 'completed', recordsInvalid: 0, recordsFailed: 0 });
    }
    // 10:20 on the day: the first period due is 10:00.
    f.clock.set(new Date('2026-03-01T10:20:00Z'));
  });
  afterAll(async () => {
    await f?.engine.jobs.stop();
    await f?.engine.destinations.stop();
    await f?.close();
  });

  it('counts every standard of every source instance, per control and per severity, from the stored records', async () => {
    const metrics = await f.engine.compliance.measure(f.actor.organizationId);
    expect(metrics.map((m) => [m.instance_name, m.standard, m.findings])).toEqual([
      ['aws-dev', FSBP, 1],
      ['aws-prod', CIS_LEGACY, 1],
      ['aws-prod', FSBP, 5],
      ['aws-prod', CIS, 3],
      ['aws-prod', null, 1],
    ]);
    const fsbp = metrics.find((m) => m.instance_id === ids.a && m.standard === FSBP)!;
    expect(fsbp).toMatchObject({ connector_id: 'compliance-lab', findings: 5, passed: 2, failed: 1, warning: 1, unknown: 1, other: 0, pass_ratio: 0.5 });
    expect(fsbp.controls).toEqual({ total: 4, passed: 1, failed: 1, warning: 1, unknown: 1, pass_ratio: 0.3333 });
    expect(fsbp.by_control.map((c) => [c.control, c.status, c.findings, c.severity_id, c.pass_ratio])).toEqual([
      ['S3.1', 'failed', 2, 4, 0.5],
      ['S3.2', 'passed', 1, 2, 1],
      ['S3.3', 'warning', 1, 3, 0],
      ['S3.4', 'unknown', 1, 1, null],
    ]);
    // Security Hub's labels: INFORMATIONAL 1, LOW 2, MEDIUM 3, HIGH 4, CRITICAL 5.
    expect(fsbp.by_severity.map((s) => [s.severity_id, s.severity, s.findings, s.passed, s.failed, s.warning, s.unknown, s.pass_ratio])).toEqual([
      [1, 'Informational', 2, 1, 0, 0, 1, 1],
      [2, 'Low', 1, 1, 0, 0, 0, 1],
      [3, 'Medium', 1, 0, 0, 1, 0, 0],
      [4, 'High', 1, 0, 1, 0, 0, 0],
    ]);
    const cis = metrics.find((m) => m.standard === CIS)!;
    expect(cis).toMatchObject({ findings: 3, passed: 1, failed: 2, pass_ratio: 0.3333, controls: { total: 2, passed: 0, failed: 2, pass_ratio: 0 } });
    expect(metrics.find((m) => m.standard === CIS_LEGACY)!.by_control).toEqual([expect.objectContaining({ control: '1.10', status: 'passed' })]);
    expect(metrics.find((m) => m.standard === null)).toMatchObject({ instance_id: ids.a, failed: 1, pass_ratio: 0 });
  });

  it('emits one event per source instance and standard once per period, through the outbox, and a filtered destination gets only its own', async () => {
    const cisOnly = await f.engine.destinations.create(f.actor, { name: 'cis', instanceId: ids.siem, format: 'splunk-hec', eventType: 'compliance.metrics', filterCriteria: { predicate: `data.standard = "${CIS}"` } });
    const fromDev = await f.engine.destinations.create(f.actor, { name: 'dev', instanceId: ids.siem, format: 'cef', eventType: 'compliance.*', sourceInstanceId: ids.b });
    const records = await f.engine.destinations.create(f.actor, { name: 'records', instanceId: ids.siem, format: 'ocsf-json' });

    expect(await f.engine.compliance.runDue()).toEqual({ events: 5, organizations: 1 });
    const events = await metricsEvents();
    expect(events).toHaveLength(5);
    const schema = eventCatalog.find((e) => e.type === 'compliance.metrics')!.schema;
    for (const e of events) {
      expect(conforms(schema, e.data)).toEqual([]);
      expect(e.instance_id).toBe(e.data.instance_id);
      expect(e.data).toMatchObject({ measured_at: '2026-03-01T10:20:00.000Z', period_start: '2026-03-01T10:00:00.000Z', interval_seconds: 3600 });
    }

    // Again in the same period (another scheduler, a restart): nothing more.
    expect(await f.engine.compliance.runDue()).toEqual({ events: 0, organizations: 0 });
    expect(await createComplianceMetrics(f.engine.deps, { metricsIntervalMs: HOUR }).runDue()).toEqual({ events: 0, organizations: 0 });
    f.clock.advance(39 * 60_000);
    expect((await f.engine.compliance.runDue()).events).toBe(0);

    await f.engine.destinations.drain();
    const sentTo = async (id: string) => (await f.engine.destinations.get(f.actor, id)).eventsSent;
    expect(await sentTo(cisOnly.id)).toBe(1);
    expect(await sentTo(fromDev.id)).toBe(1);
    expect(await sentTo(records.id)).toBe(0);
    const sent = received.flatMap((batch) => batch.events.map((e) => ({ format: batch.format, body: e.body })));
    expect(sent.map((s) => s.format).sort()).toEqual(['cef', 'splunk-hec']);
    expect(sent.find((s) => s.format === 'splunk-hec')!.body).toMatchObject({ sourcetype: 'patchbay:event', fields: { event_type: 'compliance.metrics', instance_id: ids.a, standard: CIS, findings: 3, passed: 1, failed: 2, pass_ratio: 0.3333, controls_total: 2 }, event: { type: 'compliance.metrics', data: { standard: CIS } } });
    const cef = sent.find((s) => s.format === 'cef')!.body as string;
    expect(cef).toMatch(/^CEF:0\|Patchbay\|Patchbay\|1\|compliance\.metrics\|Compliance metrics: standards\/aws-foundational-security-best-practices\/v\/1\.0\.0\|0\|/);
    expect(cef).toContain('cnt=1 cn2Label=passed cn2=1 cn3Label=failed cn3=0 cfp1Label=passRatio cfp1=1 ');
    expect(cef).toContain('msg=aws-dev, standards/aws-foundational-security-best-practices/v/1.0.0: 1 findings (1 passed, 0 failed, 0 warning, 0 unknown, 0 other); pass ratio 1; controls 1 of 1 passing');
    for (const d of [cisOnly, fromDev, records]) await f.engine.destinations.remove(f.actor, d.id);
  });

  it('counts only live records: a control finding the source no longer has is out of the next period', async () => {
    a.items = a.items.filter((i) => i.Compliance?.SecurityControlId !== 'EC2.1');
    const [run] = await f.engine.sync.runNow(f.actor, ids.a);
    expect(run).toMatchObject({ status: 'completed', recordsDeleted: 1 });
    const before = (await metricsEvents()).length;
    f.clock.set(new Date('2026-03-01T11:00:30Z'));
    expect(await f.engine.compliance.runDue()).toEqual({ events: 5, organizations: 1 });
    const latest = (await metricsEvents()).slice(before);
    expect(latest.find((e) => e.data.standard === CIS)!.data).toMatchObject({ findings: 2, failed: 1, passed: 1, pass_ratio: 0.5, period_start: '2026-03-01T11:00:00.000Z' });
  });

  it('runs from the housekeeping of the scheduler process on the injected clock', async () => {
    const before = (await metricsEvents()).length;
    await f.engine.jobs.start({ workers: false, scheduler: true });
    f.clock.set(new Date('2026-03-01T12:00:05Z'));
    const nudged = async () => (await metricsEvents()).length === before + 5 || (f.clock.advance(60_000), false);
    await waitFor(nudged, 'the 12:00 compliance metrics');
    await f.engine.jobs.stop();
    expect((await metricsEvents()).slice(before).every((e) => e.data.period_start === '2026-03-01T12:00:00.000Z')).toBe(true);
  }, 30_000);

  it('takes its interval from PATCHBAY_COMPLIANCE_METRICS_MINUTES and refuses nonsense', () => {
    expect(complianceOptionsFromEnv({})).toEqual({});
    expect(complianceOptionsFromEnv({ PATCHBAY_COMPLIANCE_METRICS_MINUTES: '15' })).toEqual({ metricsIntervalMs: 15 * 60_000 });
    for (const bad of ['0', '1.5', 'hourly', '20000']) expect(() => complianceOptionsFromEnv({ PATCHBAY_COMPLIANCE_METRICS_MINUTES: bad })).toThrow(/PATCHBAY_COMPLIANCE_METRICS_MINUTES|whole number/);
    expect(() => createComplianceMetrics(f.engine.deps, { metricsIntervalMs: 1_000 })).toThrow(/whole minutes/);
  });
});

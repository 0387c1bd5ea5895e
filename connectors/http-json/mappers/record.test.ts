import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import type { MapMeta } from '@patchbay/sdk';
import { httpJsonConfig } from '../config.ts';
import { mappingOf, toItem } from '../streams/item.ts';
import { mapRecord } from './record.ts';

interface Fixture {
  readonly description: string;
  readonly body: unknown;
}

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as Fixture;
const receivedAt = new Date('2026-05-01T00:00:00.000Z');
const meta: MapMeta = { connector: { id: 'http-json', name: 'HTTP JSON', vendor: 'Patchbay', version: '1.0.0' }, stream: 'records', instanceId: 'test', receivedAt };

const simulatedApi = mappingOf(
  httpJsonConfig.parse({
    base_url: 'https://api.example.test',
    path: '/records',
    record_path: 'data',
    cursor_field: 'updated_at',
    field_map: { time: 'updated_at', severity: 'severity', message: 'summary', title: 'title' },
    product_name: 'Simulated JSON API',
  }),
);

const alertsApi = mappingOf(
  httpJsonConfig.parse({
    base_url: 'https://alerts.example.test',
    id_field: 'meta.alert_id',
    ocsf_class: 'detection_finding',
    field_map: { time: 'meta.raised', severity: 'rule.priority', message: 'text', title: 'rule.name' },
    severity_map: { P1: 'critical', P4: 'low' },
    product_name: 'In-house alerting',
    vendor_name: 'Example Corp',
  }),
);

/** Every leaf of a JSON value, as dotted paths. */
function leaves(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
}

describe('http-json mapper', () => {
  it('maps the hand-written records page to valid OCSF base events, keeping the rest under unmapped', () => {
    const [first, second] = (fixture('records-first-page.json').body as { data: unknown[] }).data;
    const mapped = mapRecord(toItem(first, simulatedApi), meta);
    expect(mapped).toEqual({
      class_uid: 0,
      category_uid: 0,
      activity_id: 0,
      type_uid: 0,
      severity_id: 2,
      severity: 'Low',
      time: Date.parse('2026-04-30T10:00:00.000Z'),
      message: 'Record 1, revision 1',
      metadata: { version: '1.9.0-dev', product: { name: 'Simulated JSON API', vendor_name: 'Unknown' }, uid: 'rec-00001' },
      unmapped: { title: 'Record 1', details: { host: 'host-1.example.test', tags: ['group-1'], score: 37 }, revision: 1 },
    });
    expect(validateRecord(mapped, { warnings: false })).toEqual({ valid: true, warnings: [] });
    expect(mapRecord(toItem(second, simulatedApi), meta)).toMatchObject({ severity_id: 5, severity: 'Critical' });
  });

  it('maps a vendor severity it does not know to Other, with the vendor value as the caption', () => {
    const [record] = (fixture('records-last-page.json').body as { data: unknown[] }).data;
    const mapped = mapRecord(toItem(record, simulatedApi), meta);
    expect(mapped).toMatchObject({ severity_id: 99, severity: 'urgent' });
    expect(validateRecord(mapped, { warnings: false }).valid).toBe(true);
  });

  it('maps nested fields, epoch-second times and a severity map to valid detection findings', () => {
    const [first, second] = fixture('alerts-top-level-array.json').body as unknown[];
    const item = toItem(first, alertsApi);
    expect(item.id).toBe('9001');
    const mapped = mapRecord(item, meta);
    expect(mapped).toEqual({
      class_uid: 2004,
      category_uid: 2,
      activity_id: 1,
      type_uid: 200401,
      severity_id: 5,
      severity: 'Critical',
      time: 1_777_543_200_000,
      message: 'User alice signed in from two countries within 5 minutes',
      metadata: { version: '1.9.0-dev', product: { name: 'In-house alerting', vendor_name: 'Example Corp' }, uid: '9001' },
      finding_info: { uid: '9001', title: 'Impossible travel' },
      unmapped: { user: { name: 'alice', countries: ['NL', 'BR'] } },
    });
    expect(validateRecord(mapped, { warnings: false })).toEqual({ valid: true, warnings: [] });
    expect(mapRecord(toItem(second, alertsApi), meta)).toMatchObject({ time: 1_777_543_260_000, severity_id: 2, finding_info: { title: 'Disabled MFA' } });
  });

  it('drops nothing: every field of the record is mapped or kept under unmapped', () => {
    const records = [...(fixture('records-first-page.json').body as { data: unknown[] }).data, ...(fixture('alerts-top-level-array.json').body as unknown[])];
    for (const record of records) {
      const mapping = (record as { id?: unknown }).id === undefined ? alertsApi : simulatedApi;
      const mapped = mapRecord(toItem(record, mapping), meta);
      const fields = mapping.field_map;
      const used = new Set([fields.time, fields.severity, fields.message, fields.uid ?? mapping.id_field, mapping.ocsf_class === 'detection_finding' ? fields.title : undefined]);
      const kept = new Set(leaves(mapped.unmapped ?? {}));
      for (const path of leaves(record)) expect(used.has(path) || kept.has(path), `${path} is neither mapped nor unmapped`).toBe(true);
    }
  });

  it('uses the time the page arrived for a record without a time, and rejects an unreadable one', () => {
    expect(mapRecord(toItem({ id: 'x', summary: 'no time' }, simulatedApi), meta)).toMatchObject({ time: receivedAt.getTime(), severity_id: 0, severity: 'Unknown' });
    expect(() => mapRecord(toItem({ id: 'x', updated_at: 'yesterday' }, simulatedApi), meta)).toThrow(expect.objectContaining({ code: 'VENDOR_BAD_RESPONSE' }));
    expect(() => mapRecord(toItem({ id: 'x', updated_at: '2026-04-30T10:00:00' }, simulatedApi), meta)).toThrow(/usable updated_at/);
  });

  it('keeps a record that is not an object whole under unmapped, with no id', () => {
    const item = toItem('just text', simulatedApi);
    expect(item.id).toBe('');
    expect(mapRecord(item, meta)).toMatchObject({ unmapped: { value: 'just text' } });
  });
});

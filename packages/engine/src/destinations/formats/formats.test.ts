import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import { PatchbayError } from '@patchbay/types';
import { formatCef } from './cef.ts';
import type { FormatInput } from './format-input.ts';
import { checkFormat, createFormatter } from './index.ts';
import { formatLeef } from './leef.ts';
import { formatOcsfJson } from './ocsf-json.ts';
import { formatRfc5424, syslogSeverity } from './rfc5424.ts';
import { formatSplunkHec } from './splunk-hec.ts';

/** Real OCSF records: the CrowdStrike and Security Hub mappers' output on the vendors' sample payloads (see the fixture's _source). */
const fixture = JSON.parse(readFileSync(new URL('./fixtures/ocsf-records.json', import.meta.url), 'utf8')) as Record<'detection' | 'finding', Record<string, unknown>>;
const EVENT_ID = '0d7e8f6a-1b2c-4d3e-9f00-112233445566';
const INSTANCE = '6a1b2c3d-0000-4000-8000-000000000001';

function eventOf(record: Record<string, unknown>): FormatInput {
  return {
    id: EVENT_ID,
    instanceId: INSTANCE,
    envelope: {
      type: 'record.created',
      timestamp: '2026-05-01T10:00:00.000Z',
      data: { record_id: 'r1', instance_id: INSTANCE, stream: 'alerts', external_id: 'x', class_uid: record.class_uid, severity_id: record.severity_id, record },
    },
  };
}

const detection = eventOf(fixture.detection);
const finding = eventOf(fixture.finding);
const syncFailed: FormatInput = { id: EVENT_ID, instanceId: INSTANCE, envelope: { type: 'sync.failed', timestamp: '2026-05-01T10:00:00.000Z', data: { instance_id: INSTANCE, error: { code: 'VENDOR_UNAVAILABLE' } } } };

/** Splits a CEF extension into key/value pairs, honouring `\=` and `\\` escapes. */
function cefExtension(ext: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /(\w+)=((?:\\.|[^\\])*?)(?=\s\w+=|$)/g;
  for (const m of ext.matchAll(re)) out[m[1]!] = m[2]!.replace(/\\(.)/g, (_s, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
  return out;
}

describe('the fixture records', () => {
  it('are valid OCSF', () => {
    for (const r of [fixture.detection, fixture.finding]) expect(validateRecord(r, { warnings: false }).valid).toBe(true);
  });
});

describe('OCSF JSON', () => {
  it('sends the record itself, and other events as their envelope', () => {
    expect(formatOcsfJson(detection)).toEqual(fixture.detection);
    expect(formatOcsfJson(syncFailed)).toEqual({ type: 'sync.failed', timestamp: '2026-05-01T10:00:00.000Z', data: syncFailed.envelope.data });
  });
});

describe('Splunk HEC', () => {
  it('puts the record in event, epoch seconds in time, and indexed fields', () => {
    const hec = formatSplunkHec(detection, { index: 'security', hostname: 'hub1' });
    expect(hec).toMatchObject({ time: Number(fixture.detection.time) / 1000, host: 'hub1', source: 'patchbay', sourcetype: 'ocsf', index: 'security', event: fixture.detection });
    expect(hec.fields).toEqual({ event_id: EVENT_ID, event_type: 'record.created', class_uid: 2004, severity_id: 4, instance_id: INSTANCE });
    expect(formatSplunkHec(syncFailed).sourcetype).toBe('patchbay:event');
  });
});

describe('CEF', () => {
  it('writes the seven header fields and standard extension keys from the OCSF record', () => {
    const line = formatCef(detection);
    const parts = line.split(/(?<!\\)\|/);
    expect(parts.slice(0, 7)).toEqual(['CEF:0', 'CrowdStrike', 'Falcon', '1.9.0-dev', '2004', 'Known Malware', '7']);
    const ext = cefExtension(parts.slice(7).join('|'));
    expect(ext).toMatchObject({ rt: String(fixture.detection.time), externalId: 'DETECTION ID', cs1: 'record.created', cs2: EVENT_ID, cs3: INSTANCE, cn1: '4' });
    expect(line).not.toMatch(/[\r\n]/);
  });

  it('escapes pipes and backslashes in the header, equals signs and newlines in extensions', () => {
    const record = { ...fixture.finding, finding_info: { ...(fixture.finding.finding_info as object), title: 'a|b\\c' }, message: 'x=1\ny' };
    const line = formatCef(eventOf(record));
    expect(line).toContain('|a\\|b\\\\c|');
    expect(line).toContain('msg=x\\=1\\ny');
    expect(cefExtension(line.split(/(?<!\\)\|/).slice(7).join('|')).msg).toBe('x=1\ny');
  });
});

describe('LEEF 2.0', () => {
  it('declares its delimiter and writes devTime, sev and custom keys', () => {
    const line = formatLeef(finding);
    const [head, attrs] = [line.slice(0, line.lastIndexOf('^|') + 1), line.slice(line.lastIndexOf('^|') + 2)];
    expect(head.split('|')).toEqual(['LEEF:2.0', 'Custom', 'DecoyDetector', '1.9.0-dev', '2004', '^']);
    const pairs = Object.fromEntries(attrs.split('^').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
    expect(pairs).toMatchObject({ devTime: new Date(Number(fixture.finding.time)).toISOString(), sev: '7', eventId: EVENT_ID, ocsfSeverityId: '4', externalId: '1abc2de3-69ea-4e15-91c6-27eb4a07bd21' });
  });

  it('writes a tab delimiter as x09 and keeps it out of values', () => {
    const record = { ...fixture.detection, message: 'one\ttwo' };
    const line = formatLeef(eventOf(record), { leef_delimiter: '\t' });
    expect(line.split('|')[5]).toBe('x09');
    expect(line).toContain('msg=one two\t');
  });
});

describe('RFC 5424', () => {
  it('writes PRI, version, timestamp, header fields, structured data and the OCSF JSON', () => {
    const message = formatRfc5424(detection, { hostname: 'hub1', app_name: 'patchbay', facility: 13 });
    const m = /^<(\d+)>1 (\S+) (\S+) (\S+) (\S+) (\S+) (\[.*?[^\\]\]) (.*)$/.exec(message);
    expect(m).not.toBeNull();
    expect(m!.slice(1, 7)).toEqual([String(13 * 8 + 3), '2026-05-01T10:00:00.000Z', 'hub1', 'patchbay', '-', 'record.created']);
    expect(m![7]).toBe(`[patchbay@32473 event_id="${EVENT_ID}" type="record.created" class_uid="2004" severity_id="4" instance_id="${INSTANCE}"]`);
    expect(JSON.parse(m![8]!)).toEqual(fixture.detection);
  });

  it('maps OCSF severities to syslog severities and nils empty header fields', () => {
    expect([6, 5, 4, 3, 2, 1, 0, 99, null].map((s) => syslogSeverity(s))).toEqual([1, 2, 3, 4, 5, 6, 6, 5, 6]);
    expect(formatRfc5424(syncFailed, { hostname: '' })).toMatch(/^<134>1 2026-05-01T10:00:00.000Z - patchbay - sync.failed \[patchbay@32473 event_id=/);
  });
});

describe('JSONata templates', () => {
  it('renders strings and objects from the event and its record', async () => {
    const line = createFormatter('jsonata', { template: '"sev=" & record.severity_id & " " & record.finding_info.title' });
    expect(await line(detection)).toBe('sev=4 Known Malware');
    const obj = createFormatter('jsonata', { template: '{ "id": id, "host": record.device.hostname, "t": type }' });
    expect(await obj(detection)).toEqual({ id: EVENT_ID, host: (fixture.detection.device as { hostname: string }).hostname, t: 'record.created' });
  });

  it('refuses a template that does not compile, and fails an event it cannot render', async () => {
    expect(() => checkFormat('jsonata', { template: '{ "a": ' })).toThrow(PatchbayError);
    expect(() => checkFormat('jsonata', {})).toThrow(/needs a template/);
    const none = createFormatter('jsonata', { template: 'record.nothing' });
    await expect(none(detection)).rejects.toMatchObject({ code: 'DESTINATION_FORMAT_FAILED' });
    const boom = createFormatter('jsonata', { template: '$error("poison")' });
    await expect(boom(detection)).rejects.toMatchObject({ code: 'DESTINATION_FORMAT_FAILED', message: expect.stringContaining('poison') });
  });
});

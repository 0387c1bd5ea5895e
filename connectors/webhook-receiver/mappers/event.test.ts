import { ocsfVersion, validateRecord } from '@patchbay/ocsf';
import type { MapMeta } from '@patchbay/sdk';
import { describe, expect, it } from 'vitest';
import type { ReceivedEvent } from '../webhook/received-event.ts';
import { mapEvent } from './event.ts';
import { parseEventTime } from './event-time.ts';
import { severityOf } from './severity.ts';

const meta: MapMeta = {
  connector: { id: 'webhook-receiver', name: 'Webhook receiver', vendor: 'Patchbay', version: '0.1.0' },
  stream: 'events',
  instanceId: 'test',
  receivedAt: new Date('2026-05-01T12:00:05Z'),
};

const received = (overrides: Partial<ReceivedEvent> = {}): ReceivedEvent => ({
  id: 'evt-1',
  source: 'Acme',
  event_type: null,
  time: null,
  severity: null,
  received_at: '2026-05-01T12:00:05.000Z',
  delivery_id: null,
  sender: 'standard-webhooks',
  payload: { any: ['thing', 1, null, { nested: true }] },
  ...overrides,
});

function expectValid(record: unknown): void {
  const result = validateRecord(record);
  expect(result.valid ? [] : result.errors).toEqual([]);
}

describe('mapEvent', () => {
  it('maps a bare delivery to a valid Base Event with the payload under unmapped', () => {
    const record = mapEvent(received(), meta);
    expectValid(record);
    expect(record).toEqual({
      class_uid: 0,
      category_uid: 0,
      activity_id: 0,
      activity_name: 'Unknown',
      type_uid: 0,
      severity_id: 0,
      severity: 'Unknown',
      time: Date.parse('2026-05-01T12:00:05Z'),
      message: 'Acme event',
      metadata: { version: ocsfVersion, uid: 'evt-1', product: { name: 'Acme' }, log_name: 'events', logged_time: Date.parse('2026-05-01T12:00:05Z') },
      unmapped: { payload: { any: ['thing', 1, null, { nested: true }] }, sender: 'standard-webhooks' },
    });
  });

  it('maps the located event type, time, severity and delivery id', () => {
    const record = mapEvent(received({ event_type: 'issues.opened', time: '2026-04-30T08:00:00+02:00', severity: 'critical', delivery_id: 'd-9' }), meta);
    expectValid(record);
    expect(record).toMatchObject({
      activity_id: 99,
      activity_name: 'issues.opened',
      type_uid: 99,
      severity_id: 5,
      severity: 'Critical',
      time: Date.parse('2026-04-30T06:00:00Z'),
      message: 'Acme issues.opened',
      metadata: { original_time: '2026-04-30T08:00:00+02:00', event_code: 'issues.opened', correlation_uid: 'd-9' },
    });
  });

  it('falls back to the time of receipt for a time it cannot read, keeping the original', () => {
    for (const time of ['yesterday', '2026-04-30T08:00:00', { at: 5 }, -1]) {
      const record = mapEvent(received({ time }), meta);
      expectValid(record);
      expect(record.time).toBe(Date.parse('2026-05-01T12:00:05Z'));
      expect((record.metadata as { original_time: string }).original_time).toBe(typeof time === 'string' ? time : JSON.stringify(time));
    }
  });

  it('gives payloads of every JSON kind a valid record', () => {
    for (const payload of ['text', 42, true, null, [1, 2], { deep: { deeper: { deepest: [{}] } } }]) expectValid(mapEvent(received({ payload }), meta));
  });
});

describe('parseEventTime', () => {
  it('reads epoch seconds, epoch milliseconds and zoned ISO 8601', () => {
    expect(parseEventTime(1_777_636_800)).toBe(1_777_636_800_000);
    expect(parseEventTime('1777636800')).toBe(1_777_636_800_000);
    expect(parseEventTime(1_777_636_800_123)).toBe(1_777_636_800_123);
    expect(parseEventTime(1_360_782_804.5)).toBe(1_360_782_804_500);
    expect(parseEventTime('2019-05-15T15:20:33Z')).toBe(Date.parse('2019-05-15T15:20:33Z'));
    expect(parseEventTime('2022-11-03T20:26:10.344522Z')).toBe(Date.parse('2022-11-03T20:26:10.344Z'));
    expect(parseEventTime('2026-05-01T12:02:00+0200')).toBe(Date.parse('2026-05-01T10:02:00Z'));
  });

  it('refuses times without a zone and values that are not times', () => {
    for (const value of ['2026-05-01T12:00:00', '2026-05-01', 'soon', '', -5, Number.NaN, null, {}, '2026-13-45T99:00:00Z']) {
      expect(parseEventTime(value)).toBeUndefined();
    }
  });
});

describe('severityOf', () => {
  it('translates severity names in any case and keeps anything else as Other', () => {
    expect(severityOf('HIGH')).toEqual({ severity_id: 4, severity: 'High' });
    expect(severityOf(' moderate ')).toEqual({ severity_id: 3, severity: 'Medium' });
    expect(severityOf('info')).toEqual({ severity_id: 1, severity: 'Informational' });
    expect(severityOf('fatal')).toEqual({ severity_id: 6, severity: 'Fatal' });
    expect(severityOf('severe')).toEqual({ severity_id: 99, severity: 'severe' });
    expect(severityOf(7)).toEqual({ severity_id: 99, severity: '7' });
    expect(severityOf('constructor')).toEqual({ severity_id: 99, severity: 'constructor' });
    expect(severityOf(null)).toEqual({ severity_id: 0, severity: 'Unknown' });
  });
});

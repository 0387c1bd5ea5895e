import { PatchbayError } from '@patchbay/types';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { ConnectorContext } from '../context.ts';
import { defineStream } from './define-stream.ts';
import { fieldsOf } from './fixtures/expect-invalid.ts';
import { recordKey } from './record-key.ts';

interface Alert {
  readonly composite_id: string;
  readonly severity: number;
}
type FalconConfig = { region: 'us-1' | 'eu-1' };

const base = {
  name: 'alerts',
  ocsf: { class: 'detection_finding', classUid: 2004 },
  checkpoint: z.object({ after: z.string().nullable() }),
  fullRefresh: false,
  permissions: ['Alerts:read'],
};

describe('defineStream', () => {
  it('infers the raw type from fetch and the checkpoint type from its schema', () => {
    const stream = defineStream({
      ...base,
      primaryKey: 'composite_id',
      fetch: async function* (ctx: ConnectorContext<FalconConfig>, checkpoint) {
        expectTypeOf(ctx.config.region).toEqualTypeOf<'us-1' | 'eu-1'>();
        expectTypeOf(checkpoint).toEqualTypeOf<{ after: string | null } | undefined>();
        const response = await ctx.http.get<{ resources: Alert[] }>('/alerts');
        yield { records: response.body.resources, checkpoint: { after: null } };
      },
      map: (raw, meta) => {
        expectTypeOf(raw).toEqualTypeOf<Alert>();
        return { finding_info: { uid: raw.composite_id }, metadata: { product: { name: meta.connector.name } } };
      },
    });
    expect(stream.kind).toBe('stream');
    expect(Object.isFrozen(stream)).toBe(true);
    expect(stream.map({ composite_id: 'a:1', severity: 70 }, { connector: { id: 'x', name: 'Falcon', vendor: 'v', version: '1.0.0' }, stream: 'alerts', instanceId: 'test', receivedAt: new Date(0) })).toEqual({
      finding_info: { uid: 'a:1' },
      metadata: { product: { name: 'Falcon' } },
    });
  });

  it('type-checks the primary key field and the yielded checkpoint', () => {
    defineStream({
      ...base,
      // @ts-expect-error: not a field of Alert
      primaryKey: 'id',
      fetch: async function* () {
        yield { records: [] as Alert[], checkpoint: { after: null } };
      },
      map: (raw: Alert) => ({ uid: raw.composite_id }),
    });
    defineStream({
      ...base,
      primaryKey: 'composite_id',
      // @ts-expect-error: the checkpoint does not match its schema
      fetch: async function* () {
        yield { records: [] as Alert[], checkpoint: { after: 42 } };
      },
      map: (raw: Alert) => ({ uid: raw.composite_id }),
    });
  });

  it('rejects bad names, a missing OCSF class and checkpoints that are not JSON', () => {
    const stream = { ...base, primaryKey: 'id', fetch: async function* () {}, map: () => ({}) };
    const reject = (changes: Record<string, unknown>) => fieldsOf(() => defineStream({ ...stream, ...changes } as never));
    for (const name of ['Alerts', 'system_log', 'alerts-', 'system log']) {
      expect(reject({ name })).toEqual(['stream.name']);
    }
    expect(reject({ ocsf: {} })).toEqual(['stream.ocsf']);
    expect(reject({ ocsf: { class: 'Detection Finding', classUid: -1 } })).toEqual(['stream.ocsf.class', 'stream.ocsf.classUid']);
    expect(reject({ checkpoint: z.object({ since: z.date() }) })).toEqual(['stream.checkpoint']);
    expect(reject({ checkpoint: z.object({ since: z.string().transform(Number) }) })).toEqual(['stream.checkpoint']);
    expect(reject({ schedule: { intervalMinutes: 0.5 } })).toEqual(['stream.schedule.intervalMinutes']);
    expect(reject({ permissions: ['a', 'a', ' b'] })).toEqual(['stream.permissions[1]', 'stream.permissions[2]']);
    expect(reject({ fullRefresh: 'yes', primaryKey: '' })).toEqual(['stream.primaryKey', 'stream.fullRefresh']);
  });
});

describe('recordKey', () => {
  it('reads the primary key field or calls the key function', () => {
    expect(recordKey({ name: 'alerts', primaryKey: 'id' }, { id: 'a-1' })).toBe('a-1');
    expect(recordKey({ name: 'alerts', primaryKey: 'id' }, { id: 42 })).toBe('42');
    expect(recordKey({ name: 'findings', primaryKey: (raw: { arn: string; region: string }) => `${raw.region}/${raw.arn}` }, { arn: 'x', region: 'eu' })).toBe('eu/x');
  });

  it('throws VENDOR_BAD_RESPONSE when a record has no usable id', () => {
    for (const raw of [{}, { id: '' }, { id: null }, { id: { nested: 1 } }]) {
      const attempt = () => recordKey({ name: 'alerts', primaryKey: 'id' }, raw);
      expect(attempt).toThrow(PatchbayError);
      expect(attempt).toThrow(expect.objectContaining({ code: 'VENDOR_BAD_RESPONSE', field: 'id' }));
    }
  });
});

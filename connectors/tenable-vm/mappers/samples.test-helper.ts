import type { MapMeta } from '@patchbay/sdk';
import { cassette } from '../simulator/samples.ts';

/** The mapper tests' input: real payloads from the recorded Tenable sessions (see README, "Tests"). */
export function recorded<T>(name: string, uri: RegExp): T {
  const exchange = cassette(name).find((e) => uri.test(e.uri));
  if (!exchange) throw new Error(`${name} has no exchange for ${uri}`);
  return exchange.response as T;
}

export const meta = (stream: string): MapMeta => ({
  connector: { id: 'tenable-vm', name: 'Tenable Vulnerability Management', vendor: 'Tenable', version: '1.0.0' },
  stream,
  instanceId: 'test',
  receivedAt: new Date('2026-05-01T00:00:00.000Z'),
});

/** Every leaf path of a JSON value (array elements count as their array). */
export function leaves(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
}

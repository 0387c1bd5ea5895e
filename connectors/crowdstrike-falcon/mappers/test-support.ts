import { readFileSync } from 'node:fs';
import type { MapMeta } from '@patchbay/sdk';

/** Test helper: the body of a fixture exchange (fixtures/ are in the SDK's fixture format). */
export function fixtureBody<T>(file: string, exchange: number): T {
  const parsed = JSON.parse(readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8')) as { exchanges: { response: { body: { json: T } } }[] };
  return parsed.exchanges[exchange]!.response.body.json;
}

export const receivedAt = new Date('2026-05-01T00:00:00.000Z');

export function metaFor(stream: string): MapMeta {
  return { connector: { id: 'crowdstrike-falcon', name: 'CrowdStrike Falcon', vendor: 'CrowdStrike', version: '1.0.0' }, stream, instanceId: 'test', receivedAt };
}

/** Every leaf of a JSON value, as dotted paths (array items as their index). */
export function leaves(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  if (entries.length === 0) return [prefix];
  return entries.flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
}

/** Every scalar value in a JSON value. */
export function scalars(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [value];
  return (Array.isArray(value) ? value : Object.values(value)).flatMap(scalars);
}

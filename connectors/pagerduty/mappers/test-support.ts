import { readFileSync } from 'node:fs';
import type { MapMeta } from '@patchbay/sdk';

export const meta: MapMeta = { connector: { id: 'pagerduty', name: 'PagerDuty', vendor: 'PagerDuty', version: '1.0.0' }, stream: 'incidents', instanceId: 'test', receivedAt: new Date('2026-05-01T00:00:00.000Z') };

interface FixtureFile {
  readonly exchanges: readonly { readonly request: { readonly body?: { readonly json: unknown } }; readonly response: { readonly body?: { readonly json: unknown } } }[];
}

/** A hand-written fixture file of ../fixtures (the SDK's fixture format). */
export function fixture(name: string): FixtureFile {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as FixtureFile;
}

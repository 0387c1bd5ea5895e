import { readFileSync } from 'node:fs';
import type { MapMeta } from '@patchbay/sdk';

export const meta = (stream: string): MapMeta => ({ connector: { id: 'okta', name: 'Okta', vendor: 'Okta', version: '1.0.0' }, stream, instanceId: 'test', receivedAt: new Date('2026-05-01T00:00:00.000Z') });

/** The body of a hand-written fixture (../fixtures). */
export function fixtureBody<T>(name: string): T {
  return (JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as { body: T }).body;
}

/** Real Okta System Log events: the `log` of each entry of Panther's Okta rule tests (../shared/vendor/samples). */
export const SAMPLE_FILE = '../../../../shared/vendor/samples/panther-rule-tests/okta_rules.json';

export function sampleLogEvents(): { name: string; log: Record<string, unknown> }[] {
  const entries = JSON.parse(readFileSync(new URL(SAMPLE_FILE, import.meta.url), 'utf8')) as { test_name: string; log: Record<string, unknown> }[];
  // The rule tests also hold Panther's own aggregates (anomaly scores, lowercased warehouse rows): only
  // entries shaped like a System Log event (camelCase eventType) are Okta's.
  return entries.filter((e) => typeof e.log.eventType === 'string').map((e) => ({ name: e.test_name, log: e.log }));
}

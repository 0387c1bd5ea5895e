import { readFileSync } from 'node:fs';
import type { MapMeta } from '@patchbay/sdk';
import type { TableRecord } from '../table-record.ts';

interface FixtureFile {
  readonly exchanges: readonly { readonly response: { readonly status: number; readonly headers: Record<string, string>; readonly body?: { readonly json?: unknown } } }[];
}

/** A hand-written fixture file of ../fixtures (the SDK's fixture format). */
export function fixture(name: string): FixtureFile {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as FixtureFile;
}

/** The records of the first answer of a fixture file. */
export function fixtureRecords(name: string): TableRecord[] {
  return (fixture(name).exchanges[0]!.response.body!.json as { result: TableRecord[] }).result;
}

export const meta = (stream: string): MapMeta => ({ connector: { id: 'servicenow', name: 'ServiceNow', vendor: 'ServiceNow', version: '1.0.0' }, stream, instanceId: 'test', receivedAt: new Date('2026-05-01T00:00:00.000Z') });

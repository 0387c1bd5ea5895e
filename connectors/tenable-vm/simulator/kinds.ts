import { findingKey } from '../mappers/finding-key.ts';
import type { TenableVulnerability } from '../types.ts';
import { samples } from './samples.ts';

type Json = Record<string, unknown>;

/** How the simulator makes, changes and keys the records of one stream, from the real samples. */
export interface RecordKind {
  readonly key: (record: Json) => string;
  /** A new record, copied from the `serial`-th sample, stamped `at` (epoch ms). */
  make(serial: number, at: number): Json;
  /** The record changed at the vendor at `at`; `nth` varies the kind of change. */
  change(record: Json, at: number, nth: number): Json;
}

const seconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const uuid = (prefix: string, serial: number) => `${prefix}-0000-4000-8000-${serial.toString(16).padStart(12, '0')}`;
const clone = (value: Json): Json => structuredClone(value);

/** Findings: a copy of a recorded finding on its own asset, seen at `at` (Tenable writes whole seconds). */
export const vulnKind: RecordKind = {
  key: (record) => findingKey(record as unknown as TenableVulnerability),
  make(serial, at) {
    const template = samples().vulns[(serial - 1) % samples().vulns.length]!;
    const { last_fixed: _fixed, ...rest } = clone(template);
    const asset = { ...(rest.asset as Json), uuid: uuid('5e5e5e5e', serial), hostname: `host-${serial}.example.test` };
    return { ...rest, asset, first_found: seconds(at), last_found: seconds(at), state: rest.state === 'FIXED' ? 'OPEN' : rest.state };
  },
  // Every other change is a fix (state FIXED, last_fixed); the others are the finding seen again.
  change(record, at, nth) {
    return nth % 2 === 1 ? { ...record, state: 'FIXED', last_fixed: seconds(at) } : { ...record, state: record.state === 'FIXED' ? 'REOPENED' : record.state, last_found: seconds(at) };
  },
};

/** Assets: a copy of a recorded asset with its own id, created and updated at `at`. */
export const assetKind: RecordKind = {
  key: (record) => String(record.id),
  make(serial, at) {
    const template = samples().assets[(serial - 1) % samples().assets.length]!;
    const iso = new Date(at).toISOString();
    return { ...clone(template), id: uuid('a55e7000', serial), created_at: iso, updated_at: iso, first_seen: iso, last_seen: iso };
  },
  change(record, at) {
    const iso = new Date(at).toISOString();
    return { ...record, updated_at: iso, last_seen: iso };
  },
};

/** Scans: a copy of a recorded scan with its own id and schedule UUID, last modified at `at` (Unix seconds). */
export const scanKind: RecordKind = {
  key: (record) => String(record.id),
  make(serial, at) {
    const template = samples().scans[(serial - 1) % samples().scans.length]!;
    const secs = Math.floor(at / 1000);
    return { ...clone(template), id: 1000 + serial, schedule_uuid: uuid('5c4e0000', serial), creation_date: secs, last_modification_date: secs };
  },
  change(record, at, nth) {
    return { ...record, status: 'completed', uuid: uuid('7e570000', nth + 1), last_modification_date: Math.floor(at / 1000) };
  },
};

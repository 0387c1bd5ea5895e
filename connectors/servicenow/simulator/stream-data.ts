import type { Mutation, SeedOptions } from '@patchbay/conformance';
import { glideTime, type InstanceStore, type Row } from './instance-store.ts';
import { renderRow } from './render.ts';
import { newBusinessService, newConfigurationItem, newIncident, type Directory } from './seed-data.ts';

export const STREAMS = ['configuration-items', 'business-services', 'incidents'] as const;
export type StreamName = (typeof STREAMS)[number];

/** The configuration-items listing the simulator's configuration asks for: every CI except business services (their own stream). */
export const CI_QUERY = 'sys_class_name!=cmdb_ci_service';

const MINUTE_MS = 60_000;

/**
 * Per-stream data of the simulated instance for the conformance suite: seeding (records stamped before
 * now, a minute apart, optionally with equal sys_updated_on across page boundaries), the records as the
 * stream reads them (every field, display_value=all, no reference links), and changes between runs.
 */
export class StreamData {
  readonly #store: InstanceStore;
  readonly #dir: Directory;
  readonly #pageSize: number;
  readonly #nextNumber: () => string;
  readonly #counts = new Map<StreamName, number>();

  constructor(store: InstanceStore, dir: Directory, pageSize: number, nextNumber: () => string) {
    this.#store = store;
    this.#dir = dir;
    this.#pageSize = pageSize;
    this.#nextNumber = nextNumber;
  }

  #create(stream: StreamName, at: string): Row {
    const index = this.#counts.get(stream) ?? 0;
    this.#counts.set(stream, index + 1);
    if (stream === 'configuration-items') return newConfigurationItem(this.#store, this.#dir, index, at);
    if (stream === 'business-services') return newBusinessService(this.#store, this.#dir, index, at);
    return newIncident(this.#store, this.#dir, index, at, this.#nextNumber());
  }

  /** The rows a stream lists (those ACLs let the integration user see), in the order it reads them. */
  rows(stream: StreamName): Row[] {
    const visible = (row: Row) => !this.#store.hidden.has(row.sys_id ?? '');
    if (stream === 'configuration-items') return this.#store.list('cmdb_ci').filter((row) => row.sys_class_name !== 'cmdb_ci_service' && visible(row));
    if (stream === 'business-services') return this.#store.list('cmdb_ci_service').filter(visible);
    return this.#store.list('incident').filter(visible);
  }

  seed(stream: StreamName, options: SeedOptions): void {
    const start = this.#store.nowMs() - (options.count + 1) * MINUTE_MS;
    let at = start;
    for (let i = 0; i < options.count; i += 1) {
      const shared = options.equalTimestampsAtBoundary && i > 0 && i % this.#pageSize === 0;
      if (!shared) at = start + i * MINUTE_MS;
      this.#create(stream, glideTime(at));
    }
  }

  records(stream: StreamName): Record<string, unknown>[] {
    return this.rows(stream).map((row) => renderRow(this.#store, row, { displayValue: 'all', excludeReferenceLink: true, fields: undefined, origin: '' }));
  }

  /** New records now; updates stamp now and change a field each stream maps; deletions remove the newest rows. */
  mutate(stream: StreamName, change: Mutation): void {
    const now = this.#store.now();
    const existing = this.rows(stream);
    for (const row of existing.slice(0, change.update ?? 0)) {
      if (stream === 'incidents') row.short_description = `${row.short_description} (updated)`;
      else row.operational_status = row.operational_status === '1' ? '2' : '1';
      Object.assign(row, { sys_updated_on: now, sys_updated_by: 'admin', sys_mod_count: String(Number(row.sys_mod_count || '0') + 1) });
    }
    for (const row of existing.slice(existing.length - (change.delete ?? 0))) this.#store.rows.delete(row.sys_id!);
    for (let i = 0; i < (change.create ?? 0); i += 1) this.#create(stream, now);
  }
}

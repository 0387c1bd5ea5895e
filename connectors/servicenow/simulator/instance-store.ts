import type { Clock } from '@patchbay/types';
import { CHOICES, JOURNAL_FIELDS, LABELS, REFERENCES, extendsTable, fieldsOf } from './schema.ts';

/** A stored record: every field's database value (empty string when unset), as the instance holds it. */
export type Row = Record<string, string>;

export interface JournalEntry {
  readonly field: 'comments' | 'work_notes';
  readonly text: string;
  readonly at: string;
  /** The author's sys_id (shown by name). */
  readonly by: string;
}

/** A glide_date_time database value (UTC, whole seconds). */
export function glideTime(ms: number): string {
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/**
 * The simulated instance's records: one map of every record by sys_id (each names its class), the
 * journal entries of tasks, and the names of referenced records (users, groups, companies, locations),
 * which reference fields display. Time comes from the injected clock.
 */
export class InstanceStore {
  readonly rows = new Map<string, Row>();
  readonly journals = new Map<string, JournalEntry[]>();
  readonly names = new Map<string, string>();
  /** Records a read ACL hides from API users: counted by queries, left out of the pages they fall on. */
  readonly hidden = new Set<string>();
  readonly #clock: Clock;
  #ids = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  now(): string {
    return glideTime(this.#clock.now().getTime());
  }

  nowMs(): number {
    return this.#clock.now().getTime();
  }

  /** A new sys_id: 32 hexadecimal characters, increasing in creation order (so creation order is sys_id order). */
  newSysId(): string {
    this.#ids += 1;
    return `${(0x5a000000 + this.#ids).toString(16)}${'0'.repeat(16)}${this.#ids.toString(16).padStart(8, '0')}`;
  }

  /** A referenced record (user, group...) known by name; returns its sys_id. */
  addName(name: string): string {
    const id = this.newSysId();
    this.names.set(id, name);
    return id;
  }

  idOfName(name: string): string | undefined {
    for (const [id, known] of this.names) if (known === name) return id;
    for (const [id, row] of this.rows) if (row.name === name) return id;
    return undefined;
  }

  /** Records listed by a table (its class and the classes extending it), in creation order. */
  list(table: string): Row[] {
    return [...this.rows.values()].filter((row) => extendsTable(row.sys_class_name ?? '', table));
  }

  get(table: string, sysId: string): Row | undefined {
    const row = this.rows.get(sysId);
    return row && extendsTable(row.sys_class_name ?? '', table) ? row : undefined;
  }

  /** Inserts a record of class `cls`: every field of the class, empty unless given, and the system fields. */
  insert(cls: string, values: Readonly<Record<string, string>>, by: string, at = this.now()): Row {
    const row: Row = Object.fromEntries(fieldsOf(cls).map((field) => [field, '']));
    const sysId = values.sys_id ?? this.newSysId();
    for (const [field, value] of Object.entries(values)) if (field in row && !JOURNAL_FIELDS.has(field)) row[field] = value;
    Object.assign(row, { sys_id: sysId, sys_class_name: cls, sys_created_on: values.sys_created_on ?? at, sys_created_by: by, sys_updated_on: values.sys_updated_on ?? at, sys_updated_by: by, sys_mod_count: '0' });
    this.rows.set(sysId, row);
    return row;
  }

  journal(sysId: string, field: 'comments' | 'work_notes', text: string, by: string): void {
    const entries = this.journals.get(sysId) ?? [];
    entries.push({ field, text, at: this.now(), by });
    this.journals.set(sysId, entries);
  }

  /** The display value of a field: reference names, choice labels, class labels, journal entries (newest first). */
  display(row: Row, field: string): string {
    const value = row[field] ?? '';
    if (JOURNAL_FIELDS.has(field)) {
      const entries = (this.journals.get(row.sys_id ?? '') ?? []).filter((e) => field === 'comments_and_work_notes' || e.field === field);
      return entries
        .toReversed()
        .map((e) => `${e.at} - ${this.names.get(e.by) ?? e.by} (${e.field === 'comments' ? 'Additional comments' : 'Work notes'})\n${e.text}\n\n`)
        .join('');
    }
    if (value === '') return '';
    if (field === 'sys_class_name') return LABELS[value] ?? value;
    if (REFERENCES[field]) return this.names.get(value) ?? this.rows.get(value)?.name ?? '';
    return CHOICES[field]?.[value] ?? value;
  }
}

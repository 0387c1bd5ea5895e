import { canonicalJson } from '../lib/canonical-json.ts';
import type { ProcessLimits } from './limits.ts';
import { mapSync, type MappingNote } from './map-sync.ts';
import type { ProgramCommand } from './run-program.ts';

/** Remembered mappings by content, for records that are not the very objects the program sent. */
const MEMO_ENTRIES = 1_024;
const MEMO_MAX_KEY = 16 * 1024;

/**
 * The `map` side of a process connector. The program maps each record itself and sends the OCSF object
 * with it; the engine's runner then calls `map` with that very object, answered from a WeakMap. A record
 * equal in content to one the program sent lately is answered from a small memo; any other record is
 * mapped by running the program's pure `map` operation.
 */
export function createRecordMapper(program: ProgramCommand, name: () => string, limits: ProcessLimits) {
  const notes = new WeakMap<object, MappingNote>();
  const memo = new Map<string, MappingNote>();
  const keyOf = (stream: string, raw: unknown) => `${stream}\n${canonicalJson(raw)}`;
  const memoize = (key: string, note: MappingNote) => {
    if (key.length > MEMO_MAX_KEY) return;
    memo.delete(key);
    memo.set(key, note);
    if (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
  };

  function noteFor(stream: string, raw: Record<string, unknown>): MappingNote {
    const sent = notes.get(raw);
    if (sent) return sent;
    const key = keyOf(stream, raw);
    const known = memo.get(key);
    if (known) return known;
    const mapped = mapSync(program, name(), stream, raw, limits);
    notes.set(raw, mapped);
    memoize(key, mapped);
    return mapped;
  }

  return {
    /** What the program sent with a record it read. */
    remember(stream: string, raw: Record<string, unknown>, note: MappingNote): void {
      notes.set(raw, note);
      memoize(keyOf(stream, raw), note);
    },
    map(stream: string, raw: Record<string, unknown>): Record<string, unknown> {
      const note = noteFor(stream, raw);
      if (note.mapping_error !== undefined) throw new Error(`the connector program could not map the record: ${note.mapping_error}`);
      return note.ocsf!;
    },
  };
}

export type RecordMapper = ReturnType<typeof createRecordMapper>;

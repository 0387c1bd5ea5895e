import type { StreamPage } from '@patchbay/sdk';
import type { z } from 'zod';
import { protocolError, type ProgramRef } from './program-errors.ts';
import type { MappingNote } from './map-sync.ts';
import { runProgram, type RunProgramOptions } from './run-program.ts';

/** A raw record as the program sent it; its mapped OCSF object (or mapping error) travels beside it. */
export type ProgramRecord = Record<string, unknown>;

export interface ReadPagesOptions extends Omit<RunProgramOptions, 'operation'> {
  readonly stream: string;
  readonly checkpointSchema: z.ZodType;
  /** Keeps what the program sent with each record, for the stream's `map`. */
  readonly remember?: (stream: string, record: ProgramRecord, note: MappingNote) => void;
}

/**
 * Runs `read` for one stream and yields a page at each STATE: the records since the previous STATE
 * and the checkpoint that follows them, exactly like a TypeScript stream's page. Records held for a
 * page are bounded in count and bytes; records after the last STATE, or a read without any STATE,
 * are protocol errors (nothing of them is committed).
 */
export async function* readPages(options: ReadPagesOptions): AsyncGenerator<StreamPage<ProgramRecord, Record<string, unknown>>> {
  const ref: ProgramRef = { name: options.name, operation: 'read' };
  const { maxPageRecords, maxPageBytes } = options.limits;
  let records: ProgramRecord[] = [];
  let bytes = 0;
  let states = 0;
  for await (const { message, line, bytes: size } of runProgram({ ...options, operation: 'read' })) {
    if (message.type !== 'RECORD' && message.type !== 'STATE') continue; // runProgram lets only read answers through
    if (message.stream !== undefined && message.stream !== options.stream) {
      throw protocolError(ref, `line ${line}: ${message.type} names stream ${JSON.stringify(message.stream)}, but the engine asked for ${JSON.stringify(options.stream)}`, { line });
    }
    if (message.type === 'RECORD') {
      records.push(message.record);
      options.remember?.(options.stream, message.record, { ocsf: message.ocsf, mapping_error: message.mapping_error });
      bytes += size;
      if (records.length > maxPageRecords || bytes > maxPageBytes) {
        throw protocolError(ref, `line ${line}: more than ${records.length > maxPageRecords ? `${maxPageRecords} records` : `${maxPageBytes} bytes of records`} without a STATE; send a STATE after each vendor page`, { line });
      }
    } else if (message.type === 'STATE') {
      const parsed = options.checkpointSchema.safeParse(message.checkpoint);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw protocolError(ref, `line ${line}: STATE.checkpoint does not match the stream's checkpoint schema: ${['checkpoint', ...issue.path.map(String)].join('.')}: ${issue.message}`, { line });
      }
      states += 1;
      const page = { records, checkpoint: parsed.data as Record<string, unknown> };
      records = [];
      bytes = 0;
      yield page;
    }
  }
  if (records.length > 0) throw protocolError(ref, `exited after ${records.length} record(s) without a STATE; every record must be followed by a STATE that commits it`);
  if (states === 0) throw protocolError(ref, 'exited without any STATE message; a read ends with a STATE, even when it found nothing new');
}

import { spawnSync } from 'node:child_process';
import { PatchbayError } from '@patchbay/types';
import type { ProcessLimits } from './limits.ts';
import { failedError, protocolError, reportedError, type ProgramRef } from './program-errors.ts';
import { programEnv } from './program-env.ts';
import { PROTOCOL_VERSION, parseMessage, type RecordMessage } from './protocol.ts';
import { createRedactor } from './redact.ts';
import type { ProgramCommand } from './run-program.ts';

export type MappingNote = Pick<RecordMessage, 'ocsf' | 'mapping_error'>;

const noSecrets = createRedactor([]);

/**
 * Runs the program's pure `map` operation for one raw record, synchronously (a stream's `map` is
 * synchronous). Only for records the program did not send itself: re-mapping stored records, tests.
 * No config, no credentials: a mapper does no I/O.
 */
export function mapSync(program: ProgramCommand, name: string, stream: string, raw: unknown, limits: ProcessLimits): MappingNote {
  const ref: ProgramRef = { name, operation: 'map' };
  const request = JSON.stringify({ protocol: PROTOCOL_VERSION, operation: 'map', stream, records: [raw] });
  const result = spawnSync(program.command, [...program.args, 'map'], {
    input: `${request}\n`,
    cwd: program.cwd,
    env: programEnv(),
    timeout: limits.timeoutMs.map,
    killSignal: 'SIGKILL',
    maxBuffer: limits.maxLineBytes,
    windowsHide: true,
  });
  const stderr = result.stderr?.toString('utf8').slice(-2048).trimEnd() ?? '';
  const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ETIMEDOUT') throw new PatchbayError('PROCESS_TIMEOUT', { message: `Connector program ${name} (map) did not finish within ${limits.timeoutMs.map} ms`, details: { connector: name, operation: 'map' } });
  if (code === 'ENOBUFS') throw protocolError(ref, `wrote more than ${limits.maxLineBytes} bytes for one record`);
  if (result.error) throw failedError(ref, `could not be started: ${code ?? result.error.message}`, stderr, { command: program.command, spawn_error: code ?? 'unknown' });
  const notes: MappingNote[] = [];
  result.stdout.toString('utf8').split('\n').forEach((text, index) => {
    if (text.trim() === '') return;
    const parsed = parseMessage(text);
    if ('problem' in parsed) throw protocolError(ref, `line ${index + 1} ${parsed.problem}`, { line: index + 1 });
    const { message } = parsed;
    if (message.type === 'ERROR') throw reportedError(ref, message, noSecrets);
    if (message.type === 'LOG') return;
    if (message.type !== 'RECORD' || message.stream !== stream) throw protocolError(ref, `line ${index + 1}: map answers with one RECORD of stream ${stream} per record, not ${message.type}`, { line: index + 1 });
    notes.push({ ocsf: message.ocsf, mapping_error: message.mapping_error });
  });
  if (result.status !== 0) throw failedError(ref, `exited with code ${result.status ?? result.signal}`, stderr, { exit_code: result.status, signal: result.signal });
  if (notes.length !== 1) throw protocolError(ref, `answered ${notes.length} RECORD messages for 1 record`);
  return notes[0]!;
}

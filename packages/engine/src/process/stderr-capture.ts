import type { Readable } from 'node:stream';
import type { Logger } from '@patchbay/sdk';
import { LineSplitter } from './line-splitter.ts';
import type { Redactor } from './redact.ts';

const TAIL_CHARS = 2048;
const MAX_STDERR_LINE = 4096;

/**
 * Copies a program's stderr into the log, line by line, redacted, up to `maxBytes` per run; after
 * that it keeps reading (a full pipe would block the program) and only counts. Keeps a short tail for
 * error reports.
 */
export function captureStderr(stream: Readable, options: { log: Logger; redactor: Redactor; maxBytes: number; bindings: Record<string, unknown> }) {
  const splitter = new LineSplitter(MAX_STDERR_LINE);
  let logged = 0;
  let dropped = 0;
  let tail = '';
  const take = (lines: ReturnType<LineSplitter['push']>) => {
    for (const line of lines) {
      const text = 'text' in line ? options.redactor.text(line.text) : `[a stderr line of ${line.overflow}+ bytes]`;
      const bytes = 'text' in line ? line.bytes : MAX_STDERR_LINE;
      tail = `${tail}${text}\n`.slice(-TAIL_CHARS);
      if (logged + bytes > options.maxBytes) {
        dropped += bytes;
        continue;
      }
      logged += bytes;
      options.log.info({ ...options.bindings, stderr: text }, 'connector program stderr');
    }
  };
  stream.on('data', (chunk: Buffer) => take(splitter.push(chunk)));
  stream.on('end', () => {
    take(splitter.end());
    if (dropped > 0) options.log.warn({ ...options.bindings, stderr_dropped_bytes: dropped }, 'connector program stderr exceeded the log limit');
  });
  return { tail: () => tail.trimEnd() };
}

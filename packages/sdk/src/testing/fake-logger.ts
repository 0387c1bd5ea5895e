import type { Logger } from '../logger.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  readonly level: LogLevel;
  /** Bindings of every parent `child` merged with the call's fields. */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly message: string | undefined;
}

export interface FakeLogger extends Logger {
  /** Every entry written through this logger or any of its children, in order. */
  readonly entries: readonly LogEntry[];
  /** Entries whose message is `message` (and level, when given). */
  find(message: string, level?: LogLevel): LogEntry[];
  /** All entries as one JSON text: handy for asserting a secret never reached the logs. */
  text(): string;
}

function make(entries: LogEntry[], bindings: Record<string, unknown>): FakeLogger {
  const write = (level: LogLevel) => (fields: Record<string, unknown>, message?: string) => {
    entries.push({ level, fields: { ...bindings, ...fields }, message });
  };
  return {
    entries,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (more) => make(entries, { ...bindings, ...more }),
    find: (message, level) => entries.filter((e) => e.message === message && (level === undefined || e.level === level)),
    text: () => JSON.stringify(entries),
  };
}

/** A Logger that keeps what it is told, for assertions in tests. */
export function createFakeLogger(bindings: Record<string, unknown> = {}): FakeLogger {
  return make([], bindings);
}

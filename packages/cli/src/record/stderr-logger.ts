import type { Logger } from '@patchbay/sdk';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

/** The connector's log as JSON lines on stderr, from `minimum` up: what a recording run shows its user. */
export function stderrLogger(minimum: Level = 'warn', bindings: Record<string, unknown> = {}): Logger {
  const write = (level: Level) => (fields: Record<string, unknown>, message?: string) => {
    if (LEVELS.indexOf(level) < LEVELS.indexOf(minimum)) return;
    process.stderr.write(`${JSON.stringify({ level, ...bindings, ...fields, ...(message === undefined ? {} : { msg: message }) })}\n`);
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (more) => stderrLogger(minimum, { ...bindings, ...more }),
  };
}

import { spawn } from 'node:child_process';
import type { Logger } from '@patchbay/sdk';
import { PatchbayError, type Clock } from '@patchbay/types';
import { credentialsJson, secretValues, type ProgramCredentials } from './credentials.ts';
import type { ProcessLimits } from './limits.ts';
import { failedError, protocolError, reportedError, type ProgramRef } from './program-errors.ts';
import { programEnv } from './program-env.ts';
import { ProgramOutput, type OutputEvent } from './program-output.ts';
import { PROTOCOL_VERSION, answersOf, parseMessage, type LogMessage, type ProcessOperation, type ProgramMessage } from './protocol.ts';
import { createRedactor, type Redactor } from './redact.ts';
import { captureStderr } from './stderr-capture.ts';
import { terminate } from './terminate.ts';

/** How to start a registered program: never a shell, never secrets in these strings. */
export interface ProgramCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
}

export interface RunProgramOptions {
  readonly program: ProgramCommand;
  /** The connector id (or the command before its spec is known), for logs and errors. */
  readonly name: string;
  readonly operation: ProcessOperation;
  /** The request fields besides protocol, operation and credentials (config, stream, checkpoint, action, input). */
  readonly request?: Readonly<Record<string, unknown>>;
  readonly credentials?: ProgramCredentials;
  readonly clock: Clock;
  readonly log: Logger;
  readonly signal?: AbortSignal;
  readonly limits: ProcessLimits;
}

/** An answer from the program (never LOG or ERROR: those are handled here), with where it came from. */
export interface Delivered {
  readonly message: ProgramMessage;
  readonly line: number;
  readonly bytes: number;
}

const NEVER = new Promise<never>(() => {});
const PREVIEW_CHARS = 200;

function logTo(log: Logger, message: LogMessage, redactor: Redactor, bindings: Record<string, unknown>): void {
  const fields = message.fields === undefined ? {} : { fields: redactor.json(message.fields) };
  log[message.level]({ ...bindings, ...fields }, redactor.text(message.message));
}

/**
 * Runs one operation of a connector program: starts `<command> <args...> <operation>` with a bare
 * environment, writes the request as one JSON line on stdin (the only place credentials go), then yields
 * the program's answers as they arrive. LOG lines go to the log and ERROR lines throw, both redacted.
 * Enforces the operation timeout, the idle timeout, line size and cancellation; stops the program
 * (SIGTERM, then SIGKILL) on any of them, or when the caller stops iterating early.
 */
export async function* runProgram(options: RunProgramOptions): AsyncGenerator<Delivered, void, undefined> {
  const { limits, operation, clock, signal } = options;
  const ref: ProgramRef = { name: options.name, operation };
  const redactor = createRedactor(secretValues(options.credentials));
  const bindings = { connector: options.name, operation };
  const request = { protocol: PROTOCOL_VERSION, operation, ...options.request, ...(operation === 'spec' ? {} : { credentials: credentialsJson(options.credentials) }) };
  if (signal?.aborted) throw new PatchbayError('REQUEST_CANCELLED', { message: `${options.name} ${operation} was cancelled before it started` });

  const child = spawn(options.program.command, [...options.program.args, operation], {
    cwd: options.program.cwd,
    env: programEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
    windowsHide: true,
  });
  const output = new ProgramOutput(child, limits.maxLineBytes);
  const stderr = captureStderr(child.stderr, { log: options.log, redactor, maxBytes: limits.maxStderrBytes, bindings });
  child.stdin.on('error', () => {}); // a program may exit without reading its request
  child.stdin.end(`${JSON.stringify(request)}\n`);

  const timers = new AbortController();
  let expired = false;
  const overall = clock.sleep(limits.timeoutMs[operation], timers.signal).then(() => {
    expired = true;
    return 'timeout' as const;
  }, () => NEVER);
  const cancelled = new Promise<'cancelled'>((resolve) => signal?.addEventListener('abort', () => resolve('cancelled'), { once: true, signal: timers.signal }));
  let pending: Promise<OutputEvent> | undefined;

  /** Stops the program and gives back the error to throw. */
  const halt = async (error: PatchbayError): Promise<PatchbayError> => {
    await terminate(child, output.exited, limits.killGraceMs);
    return error;
  };
  const timeout = (what: string) => new PatchbayError('PROCESS_TIMEOUT', { message: `Connector program ${options.name} (${operation}) ${what}`, details: { ...bindings, stderr_tail: stderr.tail() } });

  try {
    for (;;) {
      if (signal?.aborted) throw await halt(new PatchbayError('REQUEST_CANCELLED', { message: `${options.name} ${operation} was cancelled` }));
      if (expired) throw await halt(timeout(`did not finish within ${limits.timeoutMs[operation]} ms`));
      let event = pending ? undefined : output.take();
      if (!event) {
        pending ??= output.next();
        const idleTimer = new AbortController();
        const idle = clock.sleep(limits.idleTimeoutMs, AbortSignal.any([timers.signal, idleTimer.signal])).then(() => 'idle' as const, () => NEVER);
        const winner = await Promise.race([pending, overall, idle, cancelled]);
        idleTimer.abort();
        if (winner === 'idle') throw await halt(timeout(`sent nothing for ${limits.idleTimeoutMs} ms`));
        if (winner === 'timeout' || winner === 'cancelled') continue; // handled at the top of the loop
        pending = undefined;
        event = winner;
      }
      if (event.kind === 'spawn-error') {
        throw failedError(ref, `could not be started: ${event.error.code ?? event.error.message}`, '', { command: options.program.command, spawn_error: event.error.code ?? 'unknown' });
      }
      if (event.kind === 'exit') {
        if (event.code === 0) return;
        throw failedError(ref, event.signal ? `was killed by ${event.signal}` : `exited with code ${event.code}`, stderr.tail(), { exit_code: event.code, signal: event.signal });
      }
      if (event.kind === 'overflow') throw await halt(protocolError(ref, `line ${event.line} is longer than ${limits.maxLineBytes} bytes`, { line: event.line }));
      if (event.kind !== 'line' || event.text.trim() === '') continue;
      const parsed = parseMessage(event.text);
      if ('problem' in parsed) {
        throw await halt(protocolError(ref, `line ${event.line} ${parsed.problem}`, { line: event.line, preview: redactor.text(event.text.slice(0, PREVIEW_CHARS)) }));
      }
      if (parsed.message.type === 'LOG') {
        logTo(options.log, parsed.message, redactor, bindings);
      } else if (parsed.message.type === 'ERROR') {
        throw await halt(reportedError(ref, parsed.message, redactor));
      } else if (!answersOf[operation].includes(parsed.message.type)) {
        throw await halt(protocolError(ref, `line ${event.line}: ${parsed.message.type} is not an answer to ${operation} (expected ${answersOf[operation].join(' or ')}, LOG or ERROR)`, { line: event.line }));
      } else {
        yield { message: parsed.message, line: event.line, bytes: event.bytes };
      }
    }
  } finally {
    timers.abort();
    if (!output.closed) {
      await terminate(child, output.exited, limits.killGraceMs);
      child.stdout.destroy(); // unread output of a stopped program: release the pipe
    }
  }
}

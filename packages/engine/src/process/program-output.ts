import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { LineSplitter } from './line-splitter.ts';

/** What happens on a program's stdout and to the process, in order. */
export type OutputEvent =
  | { readonly kind: 'line'; readonly text: string; readonly bytes: number; readonly line: number }
  | { readonly kind: 'overflow'; readonly bytes: number; readonly line: number }
  | { readonly kind: 'exit'; readonly code: number | null; readonly signal: NodeJS.Signals | null }
  | { readonly kind: 'spawn-error'; readonly error: NodeJS.ErrnoException };

/** Complete lines waiting for the engine; above this stdout is paused, so a fast program waits for a slow database. */
const HIGH_WATER_BYTES = 1024 * 1024;

/**
 * Turns a child's stdout and lifecycle into one ordered event queue. Reading pauses while the queue is
 * full (the pipe then blocks the program), so memory stays bounded whatever the program writes.
 */
export class ProgramOutput {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #events: OutputEvent[] = [];
  #waiter: ((event: OutputEvent) => void) | undefined;
  #queued = 0;
  #lines = 0;
  #closed = false;
  /** Resolves when the process has exited (stdout may still be open in a grandchild). */
  readonly exited: Promise<void>;

  constructor(child: ChildProcessWithoutNullStreams, maxLineBytes: number) {
    this.#child = child;
    const splitter = new LineSplitter(maxLineBytes);
    child.stdout.on('data', (chunk: Buffer) => splitter.push(chunk).forEach((l) => this.#line(l)));
    child.stdout.on('end', () => splitter.end().forEach((l) => this.#line(l)));
    child.on('error', (error) => {
      this.#closed = true;
      this.#push({ kind: 'spawn-error', error });
    });
    child.on('close', (code, signal) => {
      this.#closed = true;
      this.#push({ kind: 'exit', code, signal });
    });
    this.exited = new Promise((resolve) => {
      child.on('exit', () => resolve());
      child.on('error', () => resolve());
    });
  }

  /** True once the process exited and its output was read to the end (or it never started). */
  get closed(): boolean {
    return this.#closed;
  }

  /** The next event if one is waiting. */
  take(): OutputEvent | undefined {
    const event = this.#events.shift();
    if (event?.kind === 'line') this.#queued -= event.bytes;
    if (this.#queued < HIGH_WATER_BYTES && this.#child.stdout.isPaused()) this.#child.stdout.resume();
    return event;
  }

  /** The next event, waiting for it. Only one caller may wait at a time. */
  next(): Promise<OutputEvent> {
    const event = this.take();
    if (event) return Promise.resolve(event);
    return new Promise((resolve) => {
      this.#waiter = resolve;
    });
  }

  #line(split: { text: string; bytes: number } | { overflow: number }): void {
    this.#lines += 1;
    if ('overflow' in split) return this.#push({ kind: 'overflow', bytes: split.overflow, line: this.#lines });
    this.#push({ kind: 'line', text: split.text, bytes: split.bytes, line: this.#lines });
  }

  #push(event: OutputEvent): void {
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = undefined;
      waiter(event);
      return;
    }
    this.#events.push(event);
    if (event.kind === 'line') this.#queued += event.bytes;
    if (this.#queued >= HIGH_WATER_BYTES) this.#child.stdout.pause();
  }
}

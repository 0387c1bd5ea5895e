/** A complete line (without its newline) and its size in bytes, or a line that outgrew the limit. */
export type SplitLine = { readonly text: string; readonly bytes: number } | { readonly overflow: number };

/**
 * Splits a byte stream into UTF-8 lines (`\n` or `\r\n`), holding at most `maxLineBytes` of an
 * unfinished line: a longer line is reported as an overflow instead of growing the buffer.
 */
export class LineSplitter {
  readonly #max: number;
  #parts: Buffer[] = [];
  #held = 0;
  #overflowed = false;

  constructor(maxLineBytes: number) {
    this.#max = maxLineBytes;
  }

  push(chunk: Buffer): SplitLine[] {
    const out: SplitLine[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      this.#hold(chunk.subarray(start, nl), out);
      const line = this.#take();
      if (line) out.push(line);
      start = nl + 1;
    }
    if (start < chunk.length) this.#hold(chunk.subarray(start), out);
    return out;
  }

  /** The last line when the stream ends without a newline. */
  end(): SplitLine[] {
    const line = this.#held > 0 ? this.#take() : undefined;
    return line ? [line] : [];
  }

  #hold(part: Buffer, out: SplitLine[]): void {
    if (this.#overflowed) return;
    if (this.#held + part.length > this.#max) {
      out.push({ overflow: this.#held + part.length });
      this.#overflowed = true;
      this.#parts = [];
      return;
    }
    this.#parts.push(part);
    this.#held += part.length;
  }

  #take(): SplitLine | undefined {
    const overflowed = this.#overflowed;
    const bytes = Buffer.concat(this.#parts);
    this.#parts = [];
    this.#held = 0;
    this.#overflowed = false;
    if (overflowed) return undefined;
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
    return { text: bytes.toString('utf8', 0, end), bytes: bytes.length };
  }
}

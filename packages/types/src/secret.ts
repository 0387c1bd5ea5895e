const REDACTED = '[REDACTED]';
const inspect = Symbol.for('nodejs.util.inspect.custom');

/**
 * A value that must never be printed. `toString`, `toJSON` and `util.inspect` all show `[REDACTED]`;
 * only `reveal()` gives the value, and a grep for `reveal(` finds every place that does.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  /** The last four characters behind dots, for showing which secret is set (`••••abcd`). */
  masked(): string {
    return maskSecret(this.#value);
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect](): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }
}

export function maskSecret(value: string): string {
  if (value.length <= 8) return '••••';
  return `••••${value.slice(-4)}`;
}

export const REDACTED_TEXT = REDACTED;

/** A check's verdict: thrown by scenario code, turned into a `failed` result with its details. */
export class CheckFailure extends Error {
  readonly details: Readonly<Record<string, unknown>>;

  constructor(message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.name = 'CheckFailure';
    this.details = details;
  }
}

/** Throws a CheckFailure unless `condition` holds. */
export function ensure(condition: boolean, message: string, details?: Readonly<Record<string, unknown>>): asserts condition {
  if (!condition) throw new CheckFailure(message, details);
}

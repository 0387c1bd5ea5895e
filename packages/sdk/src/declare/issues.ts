import { PatchbayError } from '@patchbay/types';

/** One problem found in a declaration: where it is, what is wrong, how to fix it. */
export interface DeclarationIssue {
  readonly field: string;
  readonly message: string;
  readonly hint?: string;
}

/**
 * Collects every problem in a declaration so the developer sees them all at once, then throws one
 * `CONFIG_INVALID` error naming the first and listing the rest in `details.issues`.
 */
export class DeclarationIssues {
  readonly #subject: string;
  readonly #issues: DeclarationIssue[] = [];

  constructor(subject: string) {
    this.#subject = subject;
  }

  add(field: string, message: string, hint?: string): void {
    this.#issues.push(hint === undefined ? { field, message } : { field, message, hint });
  }

  get list(): readonly DeclarationIssue[] {
    return this.#issues;
  }

  throwIfAny(): void {
    const first = this.#issues[0];
    if (first === undefined) return;
    const more = this.#issues.length - 1;
    throw new PatchbayError('CONFIG_INVALID', {
      message: `Invalid ${this.#subject}: ${first.field}: ${first.message}${more > 0 ? ` (and ${more} more)` : ''}`,
      field: first.field,
      ...(first.hint === undefined ? {} : { hint: first.hint }),
      details: { subject: this.#subject, issues: this.#issues.map((issue) => ({ ...issue })) },
    });
  }
}

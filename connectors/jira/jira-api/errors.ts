import { PatchbayError, type ErrorCode } from '@patchbay/types';
import type { JiraErrorCollection } from './issue-types.ts';

/** Jira's messages from an ErrorCollection body: the general ones, then `field: message` for each field. */
export function jiraMessages(body: unknown): string[] {
  if (body === null || typeof body !== 'object') return [];
  const { errorMessages, errors } = body as JiraErrorCollection;
  const general = Array.isArray(errorMessages) ? errorMessages.filter((m): m is string => typeof m === 'string') : [];
  const perField = errors && typeof errors === 'object' ? Object.entries(errors).map(([field, message]) => `${field}: ${String(message)}`) : [];
  return [...general, ...perField].map((m) => m.slice(0, 500));
}

/** The first field Jira names in an ErrorCollection (`priority`, `customfield_10042`), if any. */
export function jiraErrorField(body: unknown): string | undefined {
  const errors = body !== null && typeof body === 'object' ? (body as JiraErrorCollection).errors : undefined;
  return errors && typeof errors === 'object' ? Object.keys(errors)[0] : undefined;
}

export interface JiraFailure {
  readonly code: ErrorCode;
  /** What was being done: `Jira refused to create the issue`. */
  readonly what: string;
  readonly hint: string;
  readonly field?: string;
}

/** A coded error carrying Jira's own messages (they name the field and the problem; never credentials). */
export function jiraError(status: number, body: unknown, failure: JiraFailure): PatchbayError {
  const messages = jiraMessages(body);
  return new PatchbayError(failure.code, {
    message: `${failure.what} (${status})${messages.length > 0 ? `: ${messages.join('; ')}` : ''}`,
    hint: failure.hint,
    ...(failure.field !== undefined ? { field: failure.field } : {}),
    details: { status, vendor_messages: messages },
  });
}

import { Secret } from '@patchbay/types';
import type { ProcessOperation } from './protocol.ts';

/** An instance's credentials as a program receives them: the auth method type and its fields. */
export interface ProgramCredentials {
  readonly type: string;
  /** Secret fields as `Secret` (revealed only into the program's stdin, and redacted from its output). */
  readonly values: Readonly<Record<string, string | Secret | readonly string[]>>;
}

/** Finds the credentials of an instance for an operation (the vault); undefined when it has none. */
export type ProcessCredentialResolver = (instanceId: string, operation: ProcessOperation) => Promise<ProgramCredentials | undefined>;

/** The JSON sent on stdin: secrets revealed here and nowhere else. */
export function credentialsJson(credentials: ProgramCredentials | undefined): Record<string, unknown> | null {
  if (!credentials) return null;
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(credentials.values)) values[name] = value instanceof Secret ? value.reveal() : value;
  return { type: credentials.type, values };
}

/** The secret values, for redacting them from whatever the program prints. */
export function secretValues(credentials: ProgramCredentials | undefined): string[] {
  if (!credentials) return [];
  return Object.values(credentials.values).flatMap((v) => (v instanceof Secret ? [v.reveal()] : []));
}

import type { AuthMethod } from './auth-methods.ts';
import { credentialFields } from './credential-fields.ts';
import { authMethodTitle, credentialJsonSchema } from './credential-schema.ts';
import type { AuthDescription, FromConfig } from './description-types.ts';

const fromConfig: FromConfig = { fromConfig: true };

/** Plain-data copy: functions become `{ fromConfig: true }`, undefined values disappear. */
function settingsOf(value: unknown): unknown {
  if (typeof value === 'function') return fromConfig;
  if (Array.isArray(value)) return value.map(settingsOf);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries.map(([k, v]) => [k, settingsOf(v)]));
}

export function describeAuth(method: AuthMethod<never>): AuthDescription {
  const { type, label: _label, description, fields: _fields, ...settings } = method;
  return {
    type,
    title: authMethodTitle(method),
    description: description ?? null,
    fields: credentialFields(method).map((field) => ({ ...field })),
    schema: credentialJsonSchema(method),
    settings: settingsOf(settings) as Readonly<Record<string, unknown>>,
  };
}

import { REDACTED_TEXT } from '@patchbay/types';

/** Replaces every occurrence of the given secret values in text and in JSON values (keys and strings). */
export function createRedactor(secrets: readonly string[]) {
  const values = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  const text = (input: string): string => values.reduce((out, secret) => out.split(secret).join(REDACTED_TEXT), input);
  const json = (input: unknown): unknown => {
    if (values.length === 0) return input;
    if (typeof input === 'string') return text(input);
    if (Array.isArray(input)) return input.map(json);
    if (typeof input === 'object' && input !== null) return Object.fromEntries(Object.entries(input).map(([k, v]) => [text(k), json(v)]));
    return input;
  };
  return { text, json };
}

export type Redactor = ReturnType<typeof createRedactor>;

/** One overridden OCSF field in the designer: its target path and JSONata expression. */
export interface FieldRow {
  readonly key: number;
  readonly target: string;
  readonly expression: string;
}

let nextKey = 1;
export const newRow = (target = '', expression = ''): FieldRow => ({ key: nextKey++, target, expression });

export const rowsOf = (fieldMappings: Readonly<Record<string, string>>): FieldRow[] => Object.entries(fieldMappings).map(([target, expression]) => newRow(target, expression));

/** The rows as the API's `field_mappings`: complete rows only (both parts set), trimmed; a later row wins a repeated target. */
export function toFieldMappings(rows: readonly FieldRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of rows) {
    const target = row.target.trim();
    const expression = row.expression.trim();
    if (target && expression) out[target] = expression;
  }
  return out;
}

/** Problems the rows have before the API sees them: a half-filled row, a target set twice. By row index. */
export function rowProblems(rows: readonly FieldRow[]): Map<number, string> {
  const problems = new Map<number, string>();
  const last = new Map<string, number>();
  rows.forEach((row, i) => {
    const target = row.target.trim();
    if (target) last.set(target, i);
  });
  rows.forEach((row, i) => {
    const target = row.target.trim();
    const expression = row.expression.trim();
    if (!target && expression) problems.set(i, 'Choose the OCSF field this expression sets.');
    else if (target && !expression) problems.set(i, 'Write the expression that sets this field (undefined keeps the default, null removes it).');
    else if (target && last.get(target) !== i) problems.set(i, `${target} is set again further down; that row wins.`);
  });
  return problems;
}

/** Parses the sample editor: one JSON record (an object or any JSON value the stream yields). */
export function parseSample(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (!text.trim()) return { ok: false, message: 'Paste a raw vendor record (JSON), or load a recent one.' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `Not JSON: ${(error as Error).message}` };
  }
}

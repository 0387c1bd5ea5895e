/** OCSF severity_id values with their captions (OCSF 1.x `severity_id` enum). */
const CAPTIONS: Readonly<Record<number, string>> = { 0: 'Unknown', 1: 'Informational', 2: 'Low', 3: 'Medium', 4: 'High', 5: 'Critical', 6: 'Fatal' };

/** Severity names senders use, lowercased, and the OCSF severity they mean. */
const BY_NAME: Readonly<Record<string, number>> = {
  unknown: 0,
  informational: 1,
  info: 1,
  low: 2,
  medium: 3,
  moderate: 3,
  high: 4,
  critical: 5,
  fatal: 6,
};

/**
 * OCSF severity for a sent value. A generic sender's numeric scale is unknown, so only severity names
 * are translated; anything else is `Other` (99) with the value kept as `severity`.
 */
export function severityOf(value: unknown): { readonly severity_id: number; readonly severity: string } {
  if (value === null || value === undefined || value === '') return { severity_id: 0, severity: 'Unknown' };
  const text = String(value).trim();
  const id = Object.hasOwn(BY_NAME, text.toLowerCase()) ? BY_NAME[text.toLowerCase()] : undefined;
  return id === undefined ? { severity_id: 99, severity: text } : { severity_id: id, severity: CAPTIONS[id] ?? text };
}

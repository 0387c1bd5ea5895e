import type { SeverityName } from '../config.ts';

/** OCSF severity_id and its caption. */
const OCSF_SEVERITIES: Readonly<Record<SeverityName, { id: number; caption: string }>> = {
  unknown: { id: 0, caption: 'Unknown' },
  informational: { id: 1, caption: 'Informational' },
  low: { id: 2, caption: 'Low' },
  medium: { id: 3, caption: 'Medium' },
  high: { id: 4, caption: 'High' },
  critical: { id: 5, caption: 'Critical' },
  fatal: { id: 6, caption: 'Fatal' },
};

/** Common spellings of the OCSF levels, matched without case. */
const ALIASES: Readonly<Record<string, SeverityName>> = {
  info: 'informational',
  informational: 'informational',
  information: 'informational',
  low: 'low',
  medium: 'medium',
  moderate: 'medium',
  high: 'high',
  critical: 'critical',
  fatal: 'fatal',
};

export interface MappedSeverity {
  readonly severity_id: number;
  readonly severity: string;
}

/**
 * The OCSF severity of a vendor value: the instance's `severity_map` first (exact value), then the
 * common names; anything else is `Other` (99) with the vendor's value as the caption; no value is `Unknown`.
 */
export function severityOf(value: unknown, map: Readonly<Record<string, SeverityName>>): MappedSeverity {
  if (value === undefined || value === null || value === '') return { severity_id: 0, severity: 'Unknown' };
  const text = String(value);
  const named = map[text] ?? ALIASES[text.trim().toLowerCase()];
  if (named !== undefined) return { severity_id: OCSF_SEVERITIES[named].id, severity: OCSF_SEVERITIES[named].caption };
  return { severity_id: 99, severity: text.slice(0, 100) };
}

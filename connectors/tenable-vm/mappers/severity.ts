/**
 * Tenable's severity scale (https://developer.tenable.com/docs/refine-vulnerability-export-requests and the
 * export request page https://docs.tenable.com/cloud/api_best_practices/Content/GenerateVulnerabilityExportFile.htm):
 * info (0, CVSS 0), low (1, 0.1-3.9), medium (2, 4.0-6.9), high (3, 7.0-9.9), critical (4, 10.0), as the
 * `severity` word with `severity_id` 0-4. OCSF: Informational 1, Low 2, Medium 3, High 4, Critical 5.
 */
const BY_NAME: Readonly<Record<string, readonly [number, string]>> = {
  info: [1, 'Informational'],
  low: [2, 'Low'],
  medium: [3, 'Medium'],
  high: [4, 'High'],
  critical: [5, 'Critical'],
};

export interface MappedSeverity {
  readonly severity_id: number;
  readonly severity: string;
}

/** The OCSF severity of a Tenable severity word; a word outside the scale is Other (99) with the word kept. */
export function severityOf(value: unknown): MappedSeverity {
  if (value === undefined || value === null || value === '') return { severity_id: 0, severity: 'Unknown' };
  const known = BY_NAME[String(value).trim().toLowerCase()];
  if (known) return { severity_id: known[0], severity: known[1] };
  return { severity_id: 99, severity: String(value).slice(0, 100) };
}

/** An OCSF severity: `severity_id` and its caption. */
export interface MappedSeverity {
  readonly severity_id: number;
  readonly severity: string;
}

/**
 * CrowdStrike's alert severity is a number from 0 to 100 with named bands (Alerts API, `severity` and
 * `severity_name`: https://developer.crowdstrike.com/api-reference/collections/alerts/; Falcon console
 * "Severity" filter): 90-100 Critical, 70-89 High, 50-69 Medium, 20-49 Low, 0-19 Informational. Falcon
 * writes the band's floor (10, 30, 50, 70, 90). Anything else is Other (99) with the vendor's value.
 */
export function alertSeverity(score: unknown): MappedSeverity {
  if (typeof score !== 'number' || !Number.isFinite(score)) return score === undefined || score === null ? { severity_id: 0, severity: 'Unknown' } : { severity_id: 99, severity: String(score).slice(0, 100) };
  if (score < 0 || score > 100) return { severity_id: 99, severity: String(score) };
  if (score >= 90) return { severity_id: 5, severity: 'Critical' };
  if (score >= 70) return { severity_id: 4, severity: 'High' };
  if (score >= 50) return { severity_id: 3, severity: 'Medium' };
  if (score >= 20) return { severity_id: 2, severity: 'Low' };
  return { severity_id: 1, severity: 'Informational' };
}

/**
 * Spotlight's `cve.severity` is the CVSS qualitative rating in capitals (CRITICAL, HIGH, MEDIUM, LOW,
 * NONE, UNKNOWN: https://developer.crowdstrike.com/api-reference/collections/spotlight-vulnerabilities/).
 */
const CVSS_RATINGS: Readonly<Record<string, MappedSeverity>> = {
  CRITICAL: { severity_id: 5, severity: 'Critical' },
  HIGH: { severity_id: 4, severity: 'High' },
  MEDIUM: { severity_id: 3, severity: 'Medium' },
  LOW: { severity_id: 2, severity: 'Low' },
  NONE: { severity_id: 1, severity: 'Informational' },
  UNKNOWN: { severity_id: 0, severity: 'Unknown' },
};

export function cvssRating(rating: unknown): MappedSeverity {
  if (rating === undefined || rating === null || rating === '') return { severity_id: 0, severity: 'Unknown' };
  return CVSS_RATINGS[String(rating).toUpperCase()] ?? { severity_id: 99, severity: String(rating).slice(0, 100) };
}

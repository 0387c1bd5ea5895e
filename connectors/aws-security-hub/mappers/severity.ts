import type { AsffSeverity } from './asff.ts';

/**
 * ASFF severity (Severity object: https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Severity.html):
 * Label INFORMATIONAL / LOW / MEDIUM / HIGH / CRITICAL; when only Normalized (0-100) is given, Security
 * Hub derives the label as 0 INFORMATIONAL, 1-39 LOW, 40-69 MEDIUM, 70-89 HIGH, 90-100 CRITICAL.
 */
const LABELS: Readonly<Record<string, readonly [number, string]>> = {
  INFORMATIONAL: [1, 'Informational'],
  LOW: [2, 'Low'],
  MEDIUM: [3, 'Medium'],
  HIGH: [4, 'High'],
  CRITICAL: [5, 'Critical'],
};

export function labelOfNormalized(normalized: number): string | undefined {
  if (!Number.isFinite(normalized) || normalized < 0 || normalized > 100) return undefined;
  if (normalized === 0) return 'INFORMATIONAL';
  if (normalized < 40) return 'LOW';
  if (normalized < 70) return 'MEDIUM';
  if (normalized < 90) return 'HIGH';
  return 'CRITICAL';
}

/** OCSF severity_id and caption; a value outside the scale is 99 (Other) with the vendor's value as the caption. */
export function severityOf(severity: AsffSeverity | undefined): { readonly severity_id: number; readonly severity: string } {
  const label = severity?.Label ?? (typeof severity?.Normalized === 'number' ? labelOfNormalized(severity.Normalized) : undefined);
  if (label === undefined) {
    const raw = severity?.Label ?? severity?.Normalized;
    return raw === undefined ? { severity_id: 0, severity: 'Unknown' } : { severity_id: 99, severity: String(raw) };
  }
  const known = LABELS[label];
  return known ? { severity_id: known[0], severity: known[1] } : { severity_id: 99, severity: label };
}

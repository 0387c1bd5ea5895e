/**
 * GuardDuty's documented severity scale: a number from 1.0 to 10.0, where 1.0-3.9 is Low, 4.0-6.9
 * Medium, 7.0-8.9 High and 9.0-10.0 Critical
 * (https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html). OCSF severity_id:
 * 2 Low, 3 Medium, 4 High, 5 Critical; outside the scale, 99 Other with the vendor's value as caption;
 * none, 0 Unknown.
 */
const BANDS: readonly { readonly from: number; readonly id: number; readonly caption: string }[] = [
  { from: 9, id: 5, caption: 'Critical' },
  { from: 7, id: 4, caption: 'High' },
  { from: 4, id: 3, caption: 'Medium' },
  { from: 1, id: 2, caption: 'Low' },
];

export interface MappedSeverity {
  readonly severity_id: number;
  readonly severity: string;
}

export function severityOf(value: unknown): MappedSeverity {
  if (value === undefined || value === null) return { severity_id: 0, severity: 'Unknown' };
  const score = typeof value === 'number' ? value : Number.NaN;
  if (!Number.isFinite(score) || score < 1 || score > 10) return { severity_id: 99, severity: String(value).slice(0, 100) };
  const band = BANDS.find((b) => score >= b.from)!;
  return { severity_id: band.id, severity: band.caption };
}

/** RFC 3339 with a zone, as Security Hub documents its timestamps (up to 9 fraction digits, Z or ±hh[:]mm). */
const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Epoch milliseconds of an ASFF timestamp, or undefined when it is absent or has no zone: a time
 * without a zone is never guessed into one (Timestamps: https://docs.aws.amazon.com/securityhub/1.0/APIReference/Welcome.html).
 */
export function epochMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = RFC3339.exec(value);
  if (!match) return undefined;
  const fraction = (match[2] ?? '').slice(0, 3).padEnd(3, '0');
  const zone = match[3]!.toUpperCase() === 'Z' ? 'Z' : match[3]!.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(`${match[1]}.${fraction}${zone}`);
  return Number.isNaN(ms) ? undefined : ms;
}

import type { TicketPriority } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';

/** OCSF severity_id → the names the priority matrix uses. */
const severityNames: Record<number, string> = { 0: 'unknown', 1: 'informational', 2: 'low', 3: 'medium', 4: 'high', 5: 'critical', 6: 'critical', 99: 'unknown' };
export const matrixSeverities = ['critical', 'high', 'medium', 'low', 'informational', 'unknown'] as const;
export const matrixCriticalities = ['critical', 'high', 'medium', 'low', 'none'] as const;

export type PriorityMatrix = Readonly<Record<string, Readonly<Record<string, number>>>>;

/**
 * The default matrix: severity of the finding (rows) against criticality of its asset (columns). A
 * critical finding on a critical or high asset is P1; an informational one on an unknown asset is P5.
 */
export const defaultPriorityMatrix: PriorityMatrix = {
  critical: { critical: 1, high: 1, medium: 1, low: 2, none: 2 },
  high: { critical: 1, high: 2, medium: 2, low: 3, none: 3 },
  medium: { critical: 2, high: 3, medium: 3, low: 4, none: 4 },
  low: { critical: 3, high: 4, medium: 4, low: 5, none: 5 },
  informational: { critical: 4, high: 5, medium: 5, low: 5, none: 5 },
  unknown: { critical: 3, high: 3, medium: 4, low: 4, none: 4 },
};

/** A rule's matrix must name known severities and criticalities and give priorities 1..5; rows may be partial. */
export function checkPriorityMatrix(raw: unknown): PriorityMatrix {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new PatchbayError('VALIDATION_FAILED', { field: 'priority_matrix', message: 'must be an object of severity → criticality → priority' });
  for (const [severity, row] of Object.entries(raw)) {
    const field = `priority_matrix.${severity}`;
    if (!(matrixSeverities as readonly string[]).includes(severity)) throw new PatchbayError('VALIDATION_FAILED', { field, message: `Unknown severity ${severity}; use ${matrixSeverities.join(', ')}` });
    if (typeof row !== 'object' || row === null) throw new PatchbayError('VALIDATION_FAILED', { field, message: 'must map criticalities to priorities' });
    for (const [criticality, priority] of Object.entries(row)) {
      if (!(matrixCriticalities as readonly string[]).includes(criticality)) throw new PatchbayError('VALIDATION_FAILED', { field: `${field}.${criticality}`, message: `Unknown criticality ${criticality}; use ${matrixCriticalities.join(', ')}` });
      if (!Number.isInteger(priority) || (priority as number) < 1 || (priority as number) > 5) throw new PatchbayError('VALIDATION_FAILED', { field: `${field}.${criticality}`, message: 'must be a priority from 1 (most urgent) to 5' });
    }
  }
  return raw as PriorityMatrix;
}

/** The priority of a finding of `severityId` on an asset of `criticality` (null: no known asset). */
export function priorityOf(severityId: number | null | undefined, criticality: string | null | undefined, matrix: PriorityMatrix | null = null): TicketPriority {
  const severity = severityNames[severityId ?? 0] ?? 'unknown';
  const column = criticality ?? 'none';
  const value = matrix?.[severity]?.[column] ?? defaultPriorityMatrix[severity]![column] ?? 4;
  return value as TicketPriority;
}

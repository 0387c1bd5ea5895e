import { displayOf, valueOf, type TableRecord } from '../table-record.ts';

/** Patchbay's asset criticalities (the `patchbay.criticality` annotation and the priority matrix's columns). */
export type Criticality = 'critical' | 'high' | 'medium' | 'low';

/**
 * ServiceNow's business criticality choices, "1 - most critical", "2 - somewhat critical", "3 - less
 * critical", "4 - not critical" (cmdb_ci_service.busines_criticality, spelled so by ServiceNow, and
 * business_criticality on business applications and CI classes that add it), by their leading number.
 */
const BY_RANK: Readonly<Record<string, Criticality>> = { '1': 'critical', '2': 'high', '3': 'medium', '4': 'low' };

/** The fields read, first non-empty wins. */
export const CRITICALITY_FIELDS = ['business_criticality', 'busines_criticality'] as const;

/** The record's business criticality: the vendor's choice and Patchbay's criticality for it (undefined when unset or unknown). */
export function criticalityOf(record: TableRecord): { readonly vendor: string; readonly criticality: Criticality | undefined } | undefined {
  for (const field of CRITICALITY_FIELDS) {
    const value = valueOf(record, field);
    if (value === undefined) continue;
    const rank = /^\s*([1-4])\b/.exec(value)?.[1];
    return { vendor: displayOf(record, field) ?? value, criticality: rank ? BY_RANK[rank] : undefined };
  }
  return undefined;
}

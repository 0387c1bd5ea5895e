/** What a caller states about a change; the audit writer adds actor, time and the chain. */
export interface AuditEntry {
  readonly action: string;
  readonly targetType?: string;
  readonly targetId?: string;
  readonly outcome?: 'success' | 'failure';
  /** Snapshots before and after the change. Only their digests are stored; pass redacted objects. */
  readonly before?: unknown;
  readonly after?: unknown;
  /** Small, non-secret facts (changed field names, a reason). */
  readonly details?: Record<string, unknown>;
}

import { canonicalJson } from '../lib/canonical-json.ts';
import { sha256Hex } from '../lib/hash.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields a row's hash covers (everything but seq and the hash itself). */
export interface HashedAuditFields {
  readonly id: string;
  readonly organizationId: string | null;
  readonly actorType: string;
  readonly actorId: string | null;
  readonly actorLabel: string | null;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly requestId: string | null;
  readonly sourceIp: string | null;
  readonly occurredAt: string;
  readonly outcome: string;
  readonly beforeDigest: string | null;
  readonly afterDigest: string | null;
  readonly details: Record<string, unknown>;
}

export function auditRowHash(prevHash: string, fields: HashedAuditFields): string {
  return sha256Hex(`${prevHash}\n${canonicalJson({ ...fields, occurredAt: new Date(fields.occurredAt).toISOString() })}`);
}

export function digestOf(snapshot: unknown): string | null {
  return snapshot === undefined ? null : sha256Hex(canonicalJson(snapshot));
}

import { randomUUID } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import { auditLog, type Db } from '@patchbay/store';
import type { Clock } from '@patchbay/types';
import type { Actor } from '../lib/actor.ts';
import type { AuditEntry } from './audit-entry.ts';
import { GENESIS_HASH, auditRowHash, digestOf, type HashedAuditFields } from './audit-hash.ts';

/** One lock for the whole chain: appends are serialised, so each row links to the one before it. */
const AUDIT_CHAIN_LOCK = 7_402_115_002;

export interface AuditActor extends Partial<Omit<Actor, 'organizationId' | 'type' | 'label'>> {
  readonly organizationId: string | null;
  readonly type: Actor['type'] | 'anonymous';
  readonly label: string;
}

/**
 * Appends one row to the audit chain. Call it inside the transaction that makes the change, so the change
 * and its audit row commit or roll back together.
 */
export async function appendAudit(tx: Db, clock: Clock, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields: HashedAuditFields = {
    id: randomUUID(),
    organizationId: actor.organizationId,
    actorType: actor.type,
    actorId: actor.userId ?? actor.tokenId ?? null,
    actorLabel: actor.label,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    requestId: actor.requestId ?? null,
    sourceIp: actor.sourceIp ?? null,
    occurredAt: clock.now().toISOString(),
    outcome: entry.outcome ?? 'success',
    beforeDigest: digestOf(entry.before),
    afterDigest: digestOf(entry.after),
    details: entry.details ?? {},
  };
  await tx.insert(auditLog).values({ ...fields, prevHash, hash: auditRowHash(prevHash, fields) });
}

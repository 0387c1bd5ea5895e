import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { SsrfGuard } from '@patchbay/sdk';
import { webhookEndpoints, type Db } from '@patchbay/store';
import { PatchbayError, Secret, adminRoles } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import type { SecretBox } from './secret-box.ts';
import { generateSecret } from './signing.ts';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

export interface EndpointInput {
  readonly url: string;
  readonly description?: string;
  readonly isActive?: boolean;
  readonly allowPrivateNetwork?: boolean;
}

/** How long the previous secret keeps signing after a rotation (both signatures are sent meanwhile). */
export const DEFAULT_ROTATION_OVERLAP_MS = 24 * 3600_000;

export const secretAad = (endpointId: string) => `webhook_endpoint:${endpointId}:secret`;

/** Audit snapshots never include the sealed secrets. */
function snapshot(row: EndpointRow) {
  return { id: row.id, url: row.url, description: row.description, isActive: row.isActive, allowPrivateNetwork: row.allowPrivateNetwork, dataKeyId: row.dataKeyId };
}

export function endpointGuard(row: Pick<EndpointRow, 'url' | 'allowPrivateNetwork'>): { guard: SsrfGuard; url: URL } {
  const url = new URL(row.url);
  return { url, guard: new SsrfGuard({ allowedHosts: [url.hostname], allowPrivateNetwork: row.allowPrivateNetwork }) };
}

function checkUrl(actor: Actor, input: { url?: string; allowPrivateNetwork?: boolean }, current?: EndpointRow): void {
  if (input.allowPrivateNetwork && !adminRoles.includes(actor.role)) {
    throw new PatchbayError('FORBIDDEN', { field: 'allow_private_network', message: 'Only administrators may let an endpoint reach private, loopback or link-local addresses' });
  }
  const url = input.url ?? current?.url;
  if (!url) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PatchbayError('VALIDATION_FAILED', { field: 'url', message: 'url must be an absolute http(s) URL' });
  }
  endpointGuard({ url: parsed.toString(), allowPrivateNetwork: input.allowPrivateNetwork ?? current?.allowPrivateNetwork ?? false }).guard.check(parsed);
}

/** Outgoing webhook endpoints: CRUD and secret rotation, audited; the secret is shown once. */
export function createEndpointService(deps: EngineDeps, box: SecretBox) {
  const { db } = deps.database;

  async function load(tx: Db, actor: Actor, id: string, forUpdate = false): Promise<EndpointRow> {
    const q = tx.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.organizationId, actor.organizationId)));
    const [row] = forUpdate ? await q.for('update') : await q;
    if (!row) throw new PatchbayError('NOT_FOUND', { message: `No webhook endpoint ${id}` });
    return row;
  }

  return {
    async create(actor: Actor, input: EndpointInput): Promise<{ endpoint: EndpointRow; secret: Secret }> {
      checkUrl(actor, input);
      const secret = generateSecret();
      const endpoint = await db.transaction(async (tx) => {
        const id = crypto.randomUUID();
        const dataKeyId = await box.newKey(tx, actor.organizationId);
        const now = deps.clock.now();
        const [row] = await tx
          .insert(webhookEndpoints)
          .values({ id, organizationId: actor.organizationId, url: input.url, description: input.description ?? '', isActive: input.isActive ?? true, allowPrivateNetwork: input.allowPrivateNetwork ?? false, dataKeyId, secretSealed: await box.seal(tx, dataKeyId, secret, secretAad(id)), createdBy: actor.userId, createdAt: now, updatedAt: now })
          .returning();
        await appendAudit(tx, deps.clock, actor, { action: 'webhook_endpoint.created', targetType: 'webhook_endpoint', targetId: id, after: snapshot(row!) });
        return row!;
      });
      return { endpoint, secret: new Secret(secret) };
    },

    async list(actor: Actor, page: PageRequest): Promise<Page<EndpointRow>> {
      const limit = clampLimit(page.limit);
      const where: SQL[] = [eq(webhookEndpoints.organizationId, actor.organizationId)];
      if (page.cursor) {
        const [at, id] = decodeCursor(page.cursor, 2);
        const t = new Date(String(at));
        where.push(or(lt(webhookEndpoints.createdAt, t), and(eq(webhookEndpoints.createdAt, t), lt(webhookEndpoints.id, String(id))))!);
      }
      const rows = await db.select().from(webhookEndpoints).where(and(...where)).orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id)).limit(limit + 1);
      return toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    get: (actor: Actor, id: string) => load(db, actor, id),

    async update(actor: Actor, id: string, patch: Partial<EndpointInput>): Promise<EndpointRow> {
      return db.transaction(async (tx) => {
        const before = await load(tx, actor, id, true);
        checkUrl(actor, patch, before);
        const [after] = await tx
          .update(webhookEndpoints)
          .set({ url: patch.url, description: patch.description, isActive: patch.isActive, allowPrivateNetwork: patch.allowPrivateNetwork, updatedAt: deps.clock.now(), ...(patch.isActive ? { consecutiveFailures: 0, circuitOpenUntil: null } : {}) })
          .where(eq(webhookEndpoints.id, id))
          .returning();
        const changed = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
        await appendAudit(tx, deps.clock, actor, { action: 'webhook_endpoint.updated', targetType: 'webhook_endpoint', targetId: id, before: snapshot(before), after: snapshot(after!), details: { changed } });
        return after!;
      });
    },

    /** A new secret; the old one keeps signing (both signatures sent) for `overlapMs`. */
    async rotateSecret(actor: Actor, id: string, overlapMs = DEFAULT_ROTATION_OVERLAP_MS): Promise<{ endpoint: EndpointRow; secret: Secret }> {
      const secret = generateSecret();
      const endpoint = await db.transaction(async (tx) => {
        const before = await load(tx, actor, id, true);
        const now = deps.clock.now();
        const [after] = await tx
          .update(webhookEndpoints)
          .set({
            secretSealed: await box.seal(tx, before.dataKeyId, secret, secretAad(id)),
            previousSecretSealed: overlapMs > 0 ? before.secretSealed : null,
            previousSecretExpiresAt: overlapMs > 0 ? new Date(now.getTime() + overlapMs) : null,
            updatedAt: now,
          })
          .where(eq(webhookEndpoints.id, id))
          .returning();
        await appendAudit(tx, deps.clock, actor, { action: 'webhook_endpoint.secret_rotated', targetType: 'webhook_endpoint', targetId: id, details: { overlap_ms: overlapMs } });
        return after!;
      });
      return { endpoint, secret: new Secret(secret) };
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await load(tx, actor, id, true);
        await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
        await box.destroy(tx, before.dataKeyId);
        await appendAudit(tx, deps.clock, actor, { action: 'webhook_endpoint.deleted', targetType: 'webhook_endpoint', targetId: id, before: snapshot(before) });
      });
    },

    /** The secrets that sign a delivery now: the current one, plus the previous one during its overlap. */
    async signingSecrets(handle: Db, row: EndpointRow, now: Date): Promise<string[]> {
      const out = [await box.open(handle, row.dataKeyId, row.secretSealed, secretAad(row.id))];
      if (row.previousSecretSealed && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now) out.push(await box.open(handle, row.dataKeyId, row.previousSecretSealed, secretAad(row.id)));
      return out;
    },
  };
}

export type EndpointService = ReturnType<typeof createEndpointService>;

import { and, desc, eq, isNull, lt, or, type SQL } from 'drizzle-orm';
import { apiTokens, users } from '@patchbay/store';
import { PatchbayError, roles, type Role } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import { displayPrefix, generateToken, hashToken } from './token-format.ts';

export type TokenRow = Omit<typeof apiTokens.$inferSelect, 'tokenHash'>;

export interface CreateTokenInput {
  readonly name: string;
  readonly role: Role;
  /** The user the token acts as; defaults to the caller's user. */
  readonly userId?: string;
  readonly expiresAt?: Date;
  /** Use this token text instead of a random one (bootstrap automation only). */
  readonly token?: string;
}

/** A role may only hand out roles at or below its own. */
export function assertCanGrant(actor: Actor, role: Role): void {
  if (roles.indexOf(role) < roles.indexOf(actor.role) && actor.type !== 'system') {
    throw new PatchbayError('FORBIDDEN', {
      message: `A ${actor.role} cannot create a token with the ${role} role`,
      hint: 'Ask someone with that role, or choose a role at or below your own.',
      field: 'role',
    });
  }
}

const publicColumns = {
  id: apiTokens.id,
  organizationId: apiTokens.organizationId,
  userId: apiTokens.userId,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  role: apiTokens.role,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  createdBy: apiTokens.createdBy,
  createdAt: apiTokens.createdAt,
};

export function createTokenService(deps: EngineDeps) {
  const { db } = deps.database;
  return {
    /** Returns the token text once; only its hash is stored. */
    async create(actor: Actor, input: CreateTokenInput): Promise<{ token: string; row: TokenRow }> {
      assertCanGrant(actor, input.role);
      const userId = input.userId ?? actor.userId;
      if (!userId) throw new PatchbayError('VALIDATION_FAILED', { field: 'user_id', message: 'user_id is required for a system caller' });
      const token = input.token ?? generateToken();
      return db.transaction(async (tx) => {
        const [user] = await tx.select().from(users).where(and(eq(users.id, userId), eq(users.organizationId, actor.organizationId)));
        if (!user) throw new PatchbayError('NOT_FOUND', { field: 'user_id', message: `No user ${userId} in this organisation` });
        const [row] = await tx
          .insert(apiTokens)
          .values({
            organizationId: actor.organizationId,
            userId,
            name: input.name,
            tokenHash: hashToken(token),
            prefix: displayPrefix(token),
            role: input.role,
            expiresAt: input.expiresAt,
            createdBy: actor.userId,
            createdAt: deps.clock.now(),
          })
          .returning(publicColumns);
        await appendAudit(tx, deps.clock, actor, {
          action: 'token.created',
          targetType: 'api_token',
          targetId: row!.id,
          after: { name: input.name, role: input.role, prefix: row!.prefix, user_id: userId },
        });
        return { token, row: row! };
      });
    },

    async list(actor: Actor, page: PageRequest): Promise<Page<TokenRow>> {
      const limit = clampLimit(page.limit);
      const where: SQL[] = [eq(apiTokens.organizationId, actor.organizationId)];
      if (page.cursor) {
        const [at, id] = decodeCursor(page.cursor, 2);
        where.push(or(lt(apiTokens.createdAt, new Date(String(at))), and(eq(apiTokens.createdAt, new Date(String(at))), lt(apiTokens.id, String(id))))!);
      }
      const rows = await db.select(publicColumns).from(apiTokens).where(and(...where)).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id)).limit(limit + 1);
      return toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    async revoke(actor: Actor, id: string): Promise<TokenRow> {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(apiTokens)
          .set({ revokedAt: deps.clock.now() })
          .where(and(eq(apiTokens.id, id), eq(apiTokens.organizationId, actor.organizationId), isNull(apiTokens.revokedAt)))
          .returning(publicColumns);
        if (!row) throw new PatchbayError('NOT_FOUND', { message: `No active token ${id}` });
        await appendAudit(tx, deps.clock, actor, { action: 'token.revoked', targetType: 'api_token', targetId: id, after: { prefix: row.prefix } });
        return row;
      });
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;

import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { users } from '@patchbay/store';
import { PatchbayError, type Role } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import { assertCanGrant } from '../auth/tokens.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import { isUniqueViolation } from '../lib/db-errors.ts';

export type UserRow = typeof users.$inferSelect;

export interface CreateUserInput {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
}

export function createUserService(deps: EngineDeps) {
  const { db } = deps.database;
  return {
    async create(actor: Actor, input: CreateUserInput): Promise<UserRow> {
      assertCanGrant(actor, input.role);
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(users)
            .values({ organizationId: actor.organizationId, email: input.email.toLowerCase(), name: input.name, role: input.role, createdAt: deps.clock.now() })
            .returning();
          await appendAudit(tx, deps.clock, actor, { action: 'user.created', targetType: 'user', targetId: row!.id, after: { email: row!.email, role: row!.role } });
          return row!;
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new PatchbayError('ALREADY_EXISTS', { field: 'email', message: `A user with email ${input.email} already exists in this organisation` });
        }
        throw error;
      }
    },

    async list(actor: Actor, page: PageRequest): Promise<Page<UserRow>> {
      const limit = clampLimit(page.limit);
      const where: SQL[] = [eq(users.organizationId, actor.organizationId)];
      if (page.cursor) where.push(gt(users.email, String(decodeCursor(page.cursor, 1)[0])));
      const rows = await db.select().from(users).where(and(...where)).orderBy(asc(users.email)).limit(limit + 1);
      return toPage(rows, limit, (r) => [r.email]);
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;

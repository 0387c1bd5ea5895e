import { asc, gt } from 'drizzle-orm';
import { organizations, users } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { isUniqueViolation } from '../lib/db-errors.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';

export type OrganizationRow = typeof organizations.$inferSelect;

export interface CreateOrganizationInput {
  readonly slug: string;
  readonly name: string;
  /** The organisation's first administrator. */
  readonly adminEmail: string;
}

/** Platform-wide: only platform admins reach these (the route table says so). */
export function createOrganizationService(deps: EngineDeps) {
  const { db } = deps.database;
  return {
    async create(actor: Actor, input: CreateOrganizationInput): Promise<{ organization: OrganizationRow; adminUserId: string }> {
      try {
        return await db.transaction(async (tx) => {
          const [organization] = await tx.insert(organizations).values({ slug: input.slug, name: input.name, createdAt: deps.clock.now() }).returning();
          const [admin] = await tx
            .insert(users)
            .values({ organizationId: organization!.id, email: input.adminEmail.toLowerCase(), name: 'Administrator', role: 'admin', createdAt: deps.clock.now() })
            .returning();
          await appendAudit(tx, deps.clock, actor, {
            action: 'organization.created',
            targetType: 'organization',
            targetId: organization!.id,
            after: { slug: input.slug, name: input.name, admin_email: admin!.email },
          });
          return { organization: organization!, adminUserId: admin!.id };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new PatchbayError('ALREADY_EXISTS', { field: 'slug', message: `An organisation with slug ${input.slug} already exists` });
        throw error;
      }
    },

    async list(page: PageRequest): Promise<Page<OrganizationRow>> {
      const limit = clampLimit(page.limit);
      const rows = await db
        .select()
        .from(organizations)
        .where(page.cursor ? gt(organizations.slug, String(decodeCursor(page.cursor, 1)[0])) : undefined)
        .orderBy(asc(organizations.slug))
        .limit(limit + 1);
      return toPage(rows, limit, (r) => [r.slug]);
    },
  };
}

export type OrganizationService = ReturnType<typeof createOrganizationService>;

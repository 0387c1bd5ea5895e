import { count } from 'drizzle-orm';
import { apiTokens, organizations, users } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import { displayPrefix, generateToken, hashToken } from '../auth/token-format.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';

export interface BootstrapResult {
  /** The admin token text: present only when this call created it (first start). */
  readonly token?: string;
  readonly organizationId: string;
}

export const MIN_BOOTSTRAP_TOKEN_LENGTH = 16;

/**
 * First start on an empty database: organisation `default`, an admin user and an admin token, all in one
 * transaction with their audit rows. Later starts find the organisation and do nothing.
 */
export async function bootstrap(deps: EngineDeps, presetToken?: string): Promise<BootstrapResult | undefined> {
  if (presetToken !== undefined && presetToken.length < MIN_BOOTSTRAP_TOKEN_LENGTH) {
    throw new PatchbayError('VALIDATION_FAILED', {
      field: 'PATCHBAY_BOOTSTRAP_TOKEN',
      message: `PATCHBAY_BOOTSTRAP_TOKEN must be at least ${MIN_BOOTSTRAP_TOKEN_LENGTH} characters`,
      hint: 'Generate one with `openssl rand -base64 32`.',
    });
  }
  const { db } = deps.database;
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(organizations);
    if ((existing?.n ?? 0) > 0) return undefined;
    const now = deps.clock.now();
    const [org] = await tx.insert(organizations).values({ slug: 'default', name: 'Default', createdAt: now }).returning();
    const [admin] = await tx.insert(users).values({ organizationId: org!.id, email: 'admin@localhost', name: 'Administrator', role: 'admin', createdAt: now }).returning();
    const token = presetToken ?? generateToken();
    const [row] = await tx
      .insert(apiTokens)
      .values({ organizationId: org!.id, userId: admin!.id, name: 'initial admin token', tokenHash: hashToken(token), prefix: displayPrefix(token), role: 'admin', createdAt: now })
      .returning({ id: apiTokens.id });
    const actor = { type: 'system' as const, organizationId: org!.id, label: 'system:bootstrap' };
    await appendAudit(tx, deps.clock, actor, { action: 'organization.created', targetType: 'organization', targetId: org!.id, after: { slug: 'default' } });
    await appendAudit(tx, deps.clock, actor, { action: 'user.created', targetType: 'user', targetId: admin!.id, after: { email: admin!.email, role: 'admin' } });
    await appendAudit(tx, deps.clock, actor, { action: 'token.created', targetType: 'api_token', targetId: row!.id, after: { role: 'admin', prefix: displayPrefix(token) } });
    return { token, organizationId: org!.id };
  });
}

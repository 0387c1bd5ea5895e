import { doublePrecision, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Shared rate-limit budgets: one token bucket per (budget key, window). Every worker leases tokens from
 * here in small batches, so workers on several machines stay within a vendor's limit together.
 */
export const rateLimitBuckets = pgTable(
  'rate_limit_buckets',
  {
    /** Whose budget: `instance:<id>` for an installation. */
    key: text('key').notNull(),
    /** The window this bucket enforces (1000 per second, 60000 per minute, ...). */
    windowMs: integer('window_ms').notNull(),
    capacity: doublePrecision('capacity').notNull(),
    refillPerMs: doublePrecision('refill_per_ms').notNull(),
    tokens: doublePrecision('tokens').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
    /** Set from a vendor answer (429 with Retry-After, no requests left): nobody calls before it. */
    pausedUntil: timestamp('paused_until', { withTimezone: true, precision: 3 }),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowMs] })],
);

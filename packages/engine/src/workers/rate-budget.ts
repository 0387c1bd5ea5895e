import type { RateLimits } from '@patchbay/sdk';
import type { Database } from '@patchbay/store';

/** One token bucket of a shared budget, as stored in `rate_limit_buckets`. */
export interface BucketSpec {
  readonly windowMs: number;
  /** Stored capacity: the declared one less what leased tokens may add (see `planBudget`). */
  readonly capacity: number;
  readonly refillPerMs: number;
}

export interface BudgetPlan {
  readonly buckets: readonly BucketSpec[];
  /** How long leased tokens stay usable. */
  readonly leaseTtlMs: number;
  /** Tokens leased per round trip. */
  readonly batch: number;
}

const WINDOWS = [
  ['perSecond', 1_000],
  ['perMinute', 60_000],
  ['perHour', 3_600_000],
  ['perDay', 86_400_000],
] as const;

/**
 * Turns declared limits into stored buckets. A worker may use a leased token up to `leaseTtlMs` after it
 * left the bucket, which could add `rate x ttl` requests to any interval; each bucket's stored capacity is
 * lowered by exactly that, so all workers together keep the guarantee of one in-process bucket: at most
 * `capacity + rate x T` requests in any interval T. The TTL is a tenth of the shortest window (at most
 * a second, and small enough to keep at least half of every capacity); a batch is what refills in it.
 */
export function planBudget(limits: RateLimits): BudgetPlan {
  const declared: { windowMs: number; capacity: number; refillPerMs: number }[] = [];
  for (const [key, windowMs] of WINDOWS) {
    const limit = limits[key];
    if (limit === undefined) continue;
    const capacity = declared.length === 0 && limits.burst !== undefined ? Math.max(1, limits.burst) : limit;
    declared.push({ windowMs, capacity, refillPerMs: limit / windowMs });
  }
  if (declared.length === 0) throw new RangeError('A rate budget needs at least one window');
  let ttl = Math.min(1_000, declared[0]!.windowMs / 10);
  for (const b of declared) ttl = Math.min(ttl, b.capacity / (2 * b.refillPerMs));
  const buckets = declared.map((b) => ({ ...b, capacity: Math.max(1, b.capacity - b.refillPerMs * ttl) }));
  const slowest = Math.min(...declared.map((b) => b.refillPerMs));
  const batch = Math.max(1, Math.min(Math.floor(slowest * ttl), ...buckets.map((b) => Math.floor(b.capacity / 4) || 1)));
  return { buckets, leaseTtlMs: Math.max(1, Math.floor(ttl)), batch };
}

export interface LeaseAnswer {
  /** Tokens granted (0 when fewer than `need` are there). */
  readonly granted: number;
  /** When nothing was granted: how long until `need` tokens are there (or the pause ends). */
  readonly waitMs: number;
}

/** Creates the buckets of a budget, or adopts changed limits (keeping at most the new capacity). */
export async function ensureBuckets(database: Database, key: string, buckets: readonly BucketSpec[], now: Date): Promise<void> {
  for (const b of buckets) {
    await database.query(
      `insert into rate_limit_buckets (key, window_ms, capacity, refill_per_ms, tokens, updated_at) values ($1, $2, $3, $4, $3, $5)
       on conflict (key, window_ms) do update set capacity = excluded.capacity, refill_per_ms = excluded.refill_per_ms,
         tokens = least(rate_limit_buckets.tokens, excluded.capacity)
       where rate_limit_buckets.capacity <> excluded.capacity or rate_limit_buckets.refill_per_ms <> excluded.refill_per_ms`,
      [key, b.windowMs, b.capacity, b.refillPerMs, now.toISOString()],
    );
  }
}

interface LeaseRow {
  readonly granted: number | string;
  readonly paused: string | Date | null;
  readonly short_ms: number | string | null;
}

/**
 * Takes between `need` and `want` tokens from every bucket of `key` in ONE statement (row locks on the
 * buckets, refill computed from `now`), or none when a bucket has fewer than `need` or a pause is in
 * force; then says how long to wait.
 */
export async function leaseTokens(database: Database, key: string, need: number, want: number, now: Date): Promise<LeaseAnswer> {
  const [row] = await database.query<LeaseRow>(
    `with cur as (
       select window_ms, refill_per_ms, paused_until,
         least(capacity, tokens + greatest(0, extract(epoch from ($2::timestamptz - updated_at)) * 1000) * refill_per_ms) as avail
       from rate_limit_buckets where key = $1 for update
     ), agg as (
       select floor(min(avail))::int as can, max(paused_until) as paused,
         max(case when avail < $3 then ceil(($3 - avail) / refill_per_ms) else 0 end) as short_ms
       from cur
     ), grant_n as (
       select case when can >= $3 and (paused is null or paused <= $2::timestamptz) then least($4::int, can) else 0 end as n from agg
     ), upd as (
       update rate_limit_buckets b set tokens = c.avail - g.n, updated_at = greatest(b.updated_at, $2::timestamptz)
       from cur c, grant_n g
       where b.key = $1 and b.window_ms = c.window_ms and g.n > 0
       returning 1
     )
     select (select n from grant_n) as granted, (select paused from agg) as paused, (select short_ms from agg) as short_ms, (select count(*) from upd) as updated`,
    [key, now.toISOString(), need, want],
  );
  const granted = Number(row?.granted ?? 0);
  if (granted > 0) return { granted, waitMs: 0 };
  const pausedMs = row?.paused ? new Date(row.paused).getTime() - now.getTime() : 0;
  return { granted: 0, waitMs: Math.max(1, pausedMs, Number(row?.short_ms ?? 1)) };
}

/** Gives back tokens that were leased and not used (as if never taken). */
export async function returnTokens(database: Database, key: string, tokens: number): Promise<void> {
  if (tokens <= 0) return;
  await database.query('update rate_limit_buckets set tokens = least(capacity, tokens + $2) where key = $1', [key, tokens]);
}

/** A vendor said "wait": nobody sharing the budget calls before `until`. */
export async function pauseBudget(database: Database, key: string, until: Date): Promise<void> {
  await database.query('update rate_limit_buckets set paused_until = greatest(coalesce(paused_until, $2::timestamptz), $2::timestamptz) where key = $1', [key, until.toISOString()]);
}

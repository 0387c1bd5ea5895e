import type { Database } from '@patchbay/store';

/** One verified call to store (the columns of `inbound_webhooks`). */
export interface InboundInsert {
  readonly id: string;
  readonly organizationId: string;
  readonly instanceId: string;
  readonly messageId: string | null;
  readonly headers: Record<string, string>;
  /** The text of the body, or its bytes when they are valid UTF-8 without NUL (see `storableBody`). */
  readonly body: string | Buffer;
  readonly status: 'received' | 'malformed';
  readonly error: string | null;
  readonly sourceIp: string;
  readonly receivedAt: Date;
}

export interface GroupCommitOptions {
  /** Calls stored per statement at most (10 parameters each; PostgreSQL takes at most 65,535). */
  readonly maxBatch?: number;
  /**
   * Statements in flight at once (default 2): while one waits for its WAL flush, the next executes.
   * PostgreSQL flushes the WAL one backend at a time, so more would only split the same calls into
   * smaller batches (measured: 2 stored more calls per second than 4 in bench/webhooks-in.ts).
   */
  readonly maxInFlight?: number;
  /** Called after each commit (the processing loop wakes up). */
  readonly onCommitted?: () => void;
}

interface Pending {
  readonly row: InboundInsert;
  resolve(inserted: boolean): void;
  reject(error: unknown): void;
}

const COLUMNS = 10;
const statements = new Map<number, string>();

/** The smallest power of two at least `n`, at most `max`: the statement shape a batch of `n` calls uses. */
export function shapeOf(n: number, max: number): number {
  let shape = 1;
  while (shape < n) shape *= 2;
  return Math.min(shape, max);
}

/**
 * The statement storing `shape` calls: inserts them (all-NULL padding rows filtered out), skips replayed
 * message ids, and writes `webhook.received` for the stored ones into the outbox, in ONE statement (no
 * BEGIN/COMMIT round trips), atomically. Its text depends on the shape only, so it is prepared once per
 * connection and shape (PostgreSQL parses and plans it once: that was about 40% of its CPU per stored call).
 */
function statement(shape: number): string {
  let text = statements.get(shape);
  if (text) return text;
  const tuples: string[] = [];
  for (let at = 0; at < shape * COLUMNS; at += COLUMNS) {
    tuples.push(`($${at + 1}::uuid,$${at + 2}::uuid,$${at + 3}::uuid,$${at + 4}::text,$${at + 5}::jsonb,$${at + 6}::text,$${at + 7}::text,$${at + 8}::text,$${at + 9}::text,$${at + 10}::timestamptz)`);
  }
  text = `with ins as (
      insert into inbound_webhooks (id, organization_id, instance_id, message_id, headers, body, status, error, source_ip, received_at)
      select * from (values ${tuples.join(',')}) as v (id, organization_id, instance_id, message_id, headers, body, status, error, source_ip, received_at)
      where v.id is not null
      on conflict do nothing
      returning id, organization_id, instance_id, message_id, status, received_at
    ), events as (
      insert into outbox (organization_id, instance_id, type, occurred_at, data)
      select organization_id, instance_id, 'webhook.received', received_at, jsonb_build_object('instance_id', instance_id, 'inbound_id', id, 'message_id', message_id)
      from ins where status = 'received'
    )
    select id from ins`;
  statements.set(shape, text);
  return text;
}

/**
 * Stores concurrent calls together (group commit): the calls that arrive while earlier statements are
 * in flight go together in the next one. Every caller learns once its row is durable (false: a
 * replayed message id); a failed statement fails all its callers (none was stored).
 */
export function createGroupCommit(database: Database, options: GroupCommitOptions = {}) {
  const maxBatch = options.maxBatch ?? 64;
  const maxInFlight = options.maxInFlight ?? 2;
  let queue: Pending[] = [];
  let scheduled = false;
  let inFlight = 0;
  const idle: (() => void)[] = [];

  async function commit(batch: Pending[]): Promise<void> {
    const shape = shapeOf(batch.length, maxBatch);
    const params: unknown[] = [];
    for (const { row } of batch) {
      params.push(row.id, row.organizationId, row.instanceId, row.messageId, JSON.stringify(row.headers), row.body, row.status, row.error, row.sourceIp, row.receivedAt.toISOString());
    }
    for (let i = batch.length * COLUMNS; i < shape * COLUMNS; i++) params.push(null);
    try {
      const stored = new Set((await database.query<{ id: string }>(statement(shape), params, { name: `inbound_webhooks_store_${shape}` })).map((r) => r.id));
      for (const p of batch) p.resolve(stored.has(p.row.id));
      options.onCommitted?.();
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }

  function pump(): void {
    scheduled = false;
    while (queue.length > 0 && inFlight < maxInFlight) {
      const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
      queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
      inFlight++;
      void commit(batch).finally(() => {
        inFlight--;
        if (queue.length > 0) schedule();
        else if (inFlight === 0) for (const fn of idle.splice(0)) fn();
      });
    }
  }

  function schedule(): void {
    if (scheduled || inFlight >= maxInFlight) return;
    scheduled = true;
    // Wait one turn of the event loop: the requests parsed meanwhile join this batch.
    setImmediate(pump);
  }

  return {
    /** Queues a row for the next group commit; resolves once it is durable (false: a replayed message id). */
    store(row: InboundInsert): Promise<boolean> {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ row, resolve, reject });
        schedule();
      });
    },
    /** Resolves when nothing is queued or in flight (shutdown). */
    flushed(): Promise<void> {
      if (queue.length === 0 && inFlight === 0) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
  };
}

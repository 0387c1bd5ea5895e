import type { Database } from '@patchbay/store';

/** One verified call to store (the columns of `inbound_webhooks`). */
export interface InboundInsert {
  readonly id: string;
  readonly organizationId: string;
  readonly instanceId: string;
  readonly messageId: string | null;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly status: 'received' | 'malformed';
  readonly error: string | null;
  readonly sourceIp: string;
  readonly receivedAt: Date;
}

export interface GroupCommitOptions {
  /** Calls stored per statement (10 parameters each; PostgreSQL takes at most 65,535). */
  readonly maxBatch?: number;
  /** Statements in flight at once: while one commits (the WAL flush), the next batch fills and goes. */
  readonly maxInFlight?: number;
  /** Called after each commit (the processing loop wakes up). */
  readonly onCommitted?: () => void;
}

interface Pending {
  readonly row: InboundInsert;
  resolve(inserted: boolean): void;
  reject(error: unknown): void;
}

/**
 * Stores concurrent calls together: each batch is ONE statement (no BEGIN/COMMIT round trips) that
 * inserts the calls, skips replayed message ids, and writes `webhook.received` for the stored ones into
 * the outbox, atomically. Every caller learns once its row is durable (false: a replayed message id).
 */
export function createGroupCommit(database: Database, options: GroupCommitOptions = {}) {
  const maxBatch = options.maxBatch ?? 256;
  const maxInFlight = options.maxInFlight ?? 4;
  let queue: Pending[] = [];
  let scheduled = false;
  let inFlight = 0;
  const idle: (() => void)[] = [];

  async function commit(batch: Pending[]): Promise<void> {
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const { row } of batch) {
      const at = params.length;
      params.push(row.id, row.organizationId, row.instanceId, row.messageId, JSON.stringify(row.headers), row.body, row.status, row.error, row.sourceIp, row.receivedAt.toISOString());
      tuples.push(`($${at + 1}::uuid,$${at + 2}::uuid,$${at + 3}::uuid,$${at + 4}::text,$${at + 5}::jsonb,$${at + 6}::text,$${at + 7}::text,$${at + 8}::text,$${at + 9}::text,$${at + 10}::timestamptz)`);
    }
    const text = `with ins as (
        insert into inbound_webhooks (id, organization_id, instance_id, message_id, headers, body, status, error, source_ip, received_at)
        values ${tuples.join(',')}
        on conflict do nothing
        returning id, organization_id, instance_id, message_id, status, received_at
      ), events as (
        insert into outbox (organization_id, instance_id, type, occurred_at, data)
        select organization_id, instance_id, 'webhook.received', received_at, jsonb_build_object('instance_id', instance_id, 'inbound_id', id, 'message_id', message_id)
        from ins where status = 'received'
      )
      select id from ins`;
    try {
      const stored = new Set((await database.query<{ id: string }>(text, params)).map((r) => r.id));
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

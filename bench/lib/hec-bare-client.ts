import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { createFormatter, envelopeOf } from '@patchbay/engine';
import type { Database } from '@patchbay/store';

const compress = promisify(gzip);

export interface BareHecOptions {
  readonly database: Database;
  readonly hecUrl: string;
  readonly token: string;
  readonly channel: string;
  /** Read after this outbox seq. */
  readonly after: number;
  readonly batch: number;
}

/**
 * The forwarding bench's reference for HEC: reads the outbox rows in the destination's batches, renders
 * each with the hub's splunk-hec formatter, posts the batch as one gzipped request of concatenated JSON
 * events with the token and a channel, then polls /services/collector/ack until the request is
 * indexed. No lease, cursor, filter or retry: the same wire work with nothing around it. Returns the
 * events sent.
 */
export async function bareHecClient(options: BareHecOptions): Promise<number> {
  const render = createFormatter('splunk-hec', { hostname: 'bench' });
  const headers = { authorization: `Splunk ${options.token}`, 'x-splunk-request-channel': options.channel, 'content-type': 'application/json' };
  let last = options.after;
  let sent = 0;
  for (;;) {
    const rows = await options.database.query<{ seq: string; id: string; type: string; occurred_at: Date; data: Record<string, unknown>; instance_id: string | null }>(
      'select seq, id, type, occurred_at, data, instance_id from outbox where seq > $1 order by seq limit $2',
      [last, options.batch],
    );
    if (rows.length === 0) return sent;
    const parts: string[] = [];
    for (const row of rows) parts.push(JSON.stringify(await render({ id: row.id, instanceId: row.instance_id, envelope: envelopeOf({ type: row.type, occurredAt: new Date(row.occurred_at), data: row.data }) })));
    const body = await compress(Buffer.from(parts.join(''), 'utf8'));
    const posted = await fetch(`${options.hecUrl}/services/collector/event`, { method: 'POST', headers: { ...headers, 'content-encoding': 'gzip' }, body });
    const answer = (await posted.json()) as { code?: number; ackId?: number };
    if (answer.code !== 0 || typeof answer.ackId !== 'number') throw new Error(`HEC answered ${posted.status} ${JSON.stringify(answer)}`);
    for (;;) {
      const polled = await fetch(`${options.hecUrl}/services/collector/ack?channel=${options.channel}`, { method: 'POST', headers, body: JSON.stringify({ acks: [answer.ackId] }) });
      const acks = ((await polled.json()) as { acks?: Record<string, boolean> }).acks;
      if (acks?.[String(answer.ackId)] === true) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    sent += rows.length;
    last = Number(rows.at(-1)!.seq);
  }
}

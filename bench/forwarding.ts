/**
 * forwarding: events per second from the outbox to a SIEM receiver through a destination (lease, outbox
 * read, filter, rendering, the connector, cursor commit), against a bare client that reads the same
 * outbox rows in the same batches and sends the same bytes. Target: >= 50% of the bare rate. Two halves:
 *
 * - rsyslog over TCP (octet counting, CEF) with the syslog connector; the bare client writes the same
 *   frames on one socket; both timed until rsyslog has written every message to its file. Needs
 *   /usr/sbin/rsyslogd (this half is skipped otherwise).
 * - Splunk HEC with the splunk connector (splunk-hec events, gzip, indexer acknowledgement) to the
 *   connector's simulated collector on 127.0.0.1; the bare client posts the same gzipped batches with
 *   fetch and polls the same acks; both timed until the collector acknowledged every event.
 *
 *     node bench/forwarding.ts [--db postgres|pglite] [--events N]
 */
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { builtInConnectors, createEngine, createFormatter, emitEvents, envelopeOf, staticKeyProvider, systemActor } from '@patchbay/engine';
import { RsyslogReceiver, hasRsyslog } from '@patchbay/engine/testing';
import type { Database } from '@patchbay/store';
import { systemClock } from '@patchbay/types';
import { DEFAULT_HEC_TOKEN, startHecReceiver } from '../connectors/splunk/simulator/hec/receiver.ts';
import { syslogConfig } from '../connectors/syslog/config.ts';
import { frame, messageOf } from '../connectors/syslog/message.ts';
import { bareHecClient } from './lib/hec-bare-client.ts';
import { writeResults, type Measurement } from './lib/report.ts';
import { benchServerUrl, postgresReachable, scratchDatabase, type BenchDbKind } from './lib/scratch-db.ts';

const { values: args } = parseArgs({ options: { db: { type: 'string', multiple: true }, events: { type: 'string' } }, allowPositionals: true });
const kinds = (args.db ?? ['postgres', 'pglite']) as BenchDbKind[];
const total = Number(args.events ?? process.env.BENCH_FORWARDING_EVENTS ?? 20_000);
const BATCH = 500;

function payload(i: number) {
  const record = { class_uid: 2004, category_uid: 2, type_uid: 200401, activity_id: 1, severity_id: 4, time: 1_777_593_600_000 + i, message: `Known malware on host-${i % 100}`, metadata: { version: '1.9.0-dev', product: { name: 'Falcon', vendor_name: 'CrowdStrike' } }, finding_info: { uid: `det-${i}`, title: 'Known Malware' }, device: { hostname: `host-${i % 100}`, ip: '10.0.0.7' } };
  return { record_id: `r-${i}`, instance_id: null, stream: 'alerts', external_id: `det-${i}`, class_uid: 2004, severity_id: 4, record };
}

async function fill(database: Database, organizationId: string): Promise<void> {
  for (let i = 0; i < total; i += 1000) {
    const events = Array.from({ length: Math.min(1000, total - i) }, (_, j) => ({ organizationId, type: 'record.created', occurredAt: new Date(), data: payload(i + j) }));
    await database.db.transaction((tx) => emitEvents(tx, events));
  }
}

/** The bare client: the same rows, the same CEF line and RFC 5424 header, octet-counted on one socket. */
async function bare(database: Database, rsyslog: RsyslogReceiver, after: number): Promise<number> {
  const config = syslogConfig.parse({ host: '127.0.0.1', port: rsyslog.tcpPort, hostname: 'bench' });
  const render = createFormatter('cef');
  const socket = connect({ host: '127.0.0.1', port: rsyslog.tcpPort });
  await new Promise((r) => socket.once('connect', r));
  const before = rsyslog.received().length;
  const started = performance.now();
  let last = after;
  for (;;) {
    const rows = await database.query<{ seq: string; id: string; type: string; occurred_at: Date; data: Record<string, unknown>; instance_id: string | null }>('select seq, id, type, occurred_at, data, instance_id from outbox where seq > $1 order by seq limit $2', [last, BATCH]);
    if (rows.length === 0) break;
    const frames: Buffer[] = [];
    for (const row of rows) {
      const occurredAt = new Date(row.occurred_at);
      const body = render({ id: row.id, instanceId: row.instance_id, envelope: envelopeOf({ type: row.type, occurredAt, data: row.data }) }) as string;
      frames.push(frame(Buffer.from(messageOf({ id: row.id, seq: Number(row.seq), type: row.type, occurredAt, instanceId: row.instance_id, severityId: 4, body }, 'cef', config)), 'octet-counting'));
    }
    await new Promise<void>((resolve, reject) => socket.write(Buffer.concat(frames), (e) => (e ? reject(e) : resolve())));
    last = Number(rows.at(-1)!.seq);
  }
  await rsyslog.waitFor(before + total, 120_000);
  const seconds = (performance.now() - started) / 1000;
  socket.end();
  return total / seconds;
}

async function measureRsyslog(kind: BenchDbKind, rsyslog: RsyslogReceiver): Promise<Measurement[]> {
  const { database, drop } = await scratchDatabase(kind, 'forwarding');
  const engine = createEngine({ database, log: pino({ level: 'silent' }), connectors: builtInConnectors });
  try {
    const boot = await engine.start();
    const actor = { ...systemActor(boot!.organizationId, 'bench'), role: 'admin' as const };
    const instance = await engine.instances.create(actor, { name: 'rsyslog', connectorId: 'syslog', allowPrivateNetwork: true, configuration: { host: '127.0.0.1', port: rsyslog.tcpPort, hostname: 'bench' } });
    await engine.destinations.create(actor, { name: 'bench', instanceId: instance.id, format: 'cef', eventType: 'record.created' });
    const [start] = await database.query<{ seq: string | null }>('select max(seq) as seq from outbox');
    await fill(database, actor.organizationId);
    const baseline = await bare(database, rsyslog, Number(start?.seq ?? 0));
    const before = rsyslog.received().length;
    const started = performance.now();
    await engine.destinations.drain();
    await rsyslog.waitFor(before + total, 120_000);
    const rate = total / ((performance.now() - started) / 1000);
    const got = rsyslog.received().length - before;
    if (got !== total) throw new Error(`${kind}: rsyslog has ${got} of ${total} messages`);
    console.log(`${kind}: rsyslog destination ${rate.toFixed(0)}/s, bare client ${baseline.toFixed(0)}/s`);
    return [{ metric: 'rsyslog_tcp_events_per_s', value: rate, unit: 'events/s', baseline, target: 0.5, better: 'higher', db: kind }];
  } finally {
    await engine.destinations.stop();
    await drop();
  }
}

/** The HEC half: a splunk destination and the bare client, each to its own channel of one simulated collector. */
async function measureHec(kind: BenchDbKind): Promise<Measurement[]> {
  const hec = await startHecReceiver({ clock: systemClock });
  const { database, drop } = await scratchDatabase(kind, 'forwarding_hec');
  const engine = createEngine({ database, log: pino({ level: 'silent' }), connectors: builtInConnectors, vault: { keys: staticKeyProvider({ active: randomBytes(32) }) } });
  try {
    const boot = await engine.start();
    const actor = { ...systemActor(boot!.organizationId, 'bench'), role: 'admin' as const };
    const credential = await engine.vault.configs.create(actor, { name: 'hec', authType: 'api_key', credentials: { api_key: DEFAULT_HEC_TOKEN, header_name: 'Authorization', prefix: 'Splunk ' } });
    const configuration = { hec_url: hec.url, use_ack: true, gzip: true, hec_channel: '0b5e2c1a-0000-4000-8000-00000000bec1' };
    const instance = await engine.instances.create(actor, { name: 'splunk', connectorId: 'splunk', allowPrivateNetwork: true, authConfigId: credential.id, configuration });
    await engine.destinations.create(actor, { name: 'bench', instanceId: instance.id, format: 'splunk-hec', formatOptions: { hostname: 'bench' }, eventType: 'record.created' });
    const [start] = await database.query<{ seq: string | null }>('select max(seq) as seq from outbox');
    await fill(database, actor.organizationId);
    const bareStarted = performance.now();
    const bareSent = await bareHecClient({ database, hecUrl: hec.url, token: DEFAULT_HEC_TOKEN, channel: '0b5e2c1a-0000-4000-8000-00000000ba3e', after: Number(start?.seq ?? 0), batch: BATCH });
    const baseline = bareSent / ((performance.now() - bareStarted) / 1000);
    const before = hec.indexed().length;
    const started = performance.now();
    await engine.destinations.drain();
    const rate = total / ((performance.now() - started) / 1000);
    const got = hec.indexed().length - before;
    if (bareSent !== total || got !== total) throw new Error(`${kind}: HEC acknowledged ${got} events from the destination and ${bareSent} from the bare client, of ${total}`);
    const posts = hec.requests.filter((r) => r.path === '/services/collector/event' && r.channel === configuration.hec_channel).length;
    console.log(`${kind}: HEC destination ${rate.toFixed(0)}/s (${posts} requests), bare client ${baseline.toFixed(0)}/s`);
    return [{ metric: 'hec_events_per_s', value: rate, unit: 'events/s', baseline, target: 0.5, better: 'higher', db: kind }];
  } finally {
    await engine.destinations.stop();
    await drop();
    await hec.close();
  }
}

const rsyslog = hasRsyslog() ? new RsyslogReceiver() : undefined;
if (!rsyslog) process.stderr.write('forwarding: /usr/sbin/rsyslogd is missing (apt-get install rsyslog): the rsyslog half is skipped\n');
await rsyslog?.start();
try {
  const measurements: Measurement[] = [];
  for (const kind of kinds) {
    if (kind === 'postgres' && !(await postgresReachable())) {
      process.stderr.write(`PostgreSQL at ${benchServerUrl} is not reachable: skipping the postgres measurements\n`);
      continue;
    }
    if (rsyslog) measurements.push(...(await measureRsyslog(kind, rsyslog)));
    measurements.push(...(await measureHec(kind)));
  }
  writeResults('forwarding', measurements);
} finally {
  await rsyslog?.close();
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormatter, hasRsyslog, hasRsyslogTls, RsyslogReceiver, sampleOcsfRecords } from '@patchbay/conformance/destination';
import { describeConnector, resolveAllowedHosts, SsrfGuard, type DestinationBatch, type DestinationContext, type DestinationEvent, type DestinationFormat } from '@patchbay/sdk';
import { ManualClock, PatchbayError } from '@patchbay/types';
import { syslogConfig, type SyslogConfig } from './config.ts';
import syslog from './connector.ts';
import { encodeBatch, frame, messageOf } from './message.ts';

/** Real OCSF records (the CrowdStrike and Security Hub mappers on vendor samples; see the fixture's _source). */
const records = sampleOcsfRecords;
const INSTANCE = '6a1b2c3d-0000-4000-8000-000000000001';

async function eventsIn(format: DestinationFormat, count = 2): Promise<DestinationEvent[]> {
  const render = createFormatter(format, { hostname: 'hub1', template: '"sev=" & record.severity_id & " title=" & record.finding_info.title' });
  const out: DestinationEvent[] = [];
  for (let i = 0; i < count; i++) {
    const record = i % 2 === 0 ? records.detection : records.finding;
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const envelope = { type: 'record.created', timestamp: new Date(Date.UTC(2026, 4, 1, 10, 0, i)).toISOString(), data: { instance_id: INSTANCE, class_uid: record.class_uid, severity_id: record.severity_id, record } };
    out.push({ id, seq: i + 1, type: envelope.type, occurredAt: new Date(envelope.timestamp), instanceId: INSTANCE, severityId: Number(record.severity_id), body: await render({ id, instanceId: INSTANCE, envelope }) });
  }
  return out;
}

function contextFor(config: Partial<SyslogConfig> & { host: string }, allowPrivateNetwork = true): DestinationContext<SyslogConfig> {
  const parsed = syslogConfig.parse(config);
  const guard = new SsrfGuard({ allowedHosts: resolveAllowedHosts(syslog.allowedHosts, parsed), allowPrivateNetwork });
  return {
    config: parsed,
    http: undefined as never,
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => undefined as never } as never,
    clock: new ManualClock(new Date('2026-05-01T00:00:00Z')),
    signal: new AbortController().signal,
    instanceId: INSTANCE,
    checkHost: (host) => guard.check(new URL(`https://${host}/`)),
    lookup: guard.lookup as never,
  };
}

describe('the syslog declaration', () => {
  it('is a destination only, in the line formats, keeping one connection', () => {
    expect(syslog.capabilities).toEqual(['destination']);
    expect(describeConnector(syslog).destination).toEqual({ formats: ['rfc5424', 'cef', 'leef', 'jsonata'], maxBatchEvents: 500, mode: 'connect' });
    expect(syslogConfig.parse({ host: 'siem.example.org' })).toMatchObject({ protocol: 'tcp', framing: 'octet-counting', facility: 16, app_name: 'patchbay' });
  });
});

describe('framing and headers', () => {
  it('counts octets, not characters (RFC 6587 3.4.1), or ends with LF (3.4.2)', () => {
    const msg = Buffer.from('<134>1 - - - - - - é');
    expect(frame(msg, 'octet-counting').toString()).toBe(`${msg.length} <134>1 - - - - - - é`);
    expect(msg.length).toBe(21);
    expect(frame(msg, 'non-transparent').toString()).toBe('<134>1 - - - - - - é\n');
  });

  it('puts CEF and LEEF under an RFC 5424 header with the PRI from the OCSF severity, and sends RFC 5424 as is', async () => {
    const config = syslogConfig.parse({ host: 'h', hostname: 'hub1', facility: 13 });
    const [cef] = await eventsIn('cef', 1);
    expect(messageOf(cef!, 'cef', config)).toMatch(/^<107>1 2026-05-01T10:00:00.000Z hub1 patchbay - record.created - CEF:0\|CrowdStrike\|Falcon\|/);
    const [rfc] = await eventsIn('rfc5424', 1);
    expect(messageOf(rfc!, 'rfc5424', config)).toBe(rfc!.body);
  });

  it('fails a batch with a message longer than max_message_bytes', async () => {
    const events = await eventsIn('rfc5424', 1);
    const batch: DestinationBatch = { format: 'rfc5424', events, replay: false };
    expect(() => encodeBatch(batch, syslogConfig.parse({ host: 'h', max_message_bytes: 480 }))).toThrow(PatchbayError);
    expect(encodeBatch(batch, syslogConfig.parse({ host: 'h' }))).toHaveLength(1);
  });
});

describe('the SSRF guard on raw sockets', () => {
  it('refuses a private receiver unless the instance allows the private network', async () => {
    await expect(syslog.destination!.connect!(contextFor({ host: '127.0.0.1', port: 9 }, false))).rejects.toMatchObject({ code: 'PRIVATE_NETWORK_BLOCKED' });
  });

  it('reports a refused connection as a retryable send failure', async () => {
    await expect(syslog.destination!.connect!(contextFor({ host: '127.0.0.1', port: 9 }))).rejects.toMatchObject({ code: 'DESTINATION_SEND_FAILED', retryable: true });
  });
});

describe.skipIf(!hasRsyslog())('against a real rsyslog', () => {
  const rsyslog = new RsyslogReceiver();
  beforeAll(() => rsyslog.start(), 20_000);
  afterAll(() => rsyslog.close());

  async function sendAndRead(format: DestinationFormat, config: Partial<SyslogConfig>, count = 4) {
    const before = rsyslog.received().length;
    const events = await eventsIn(format, count);
    const connection = await syslog.destination!.connect!(contextFor({ host: '127.0.0.1', hostname: 'hub1', ...config }));
    await connection.send({ format, events, replay: false });
    await connection.close();
    return { events, lines: (await rsyslog.waitFor(before + count)).slice(before) };
  }

  it('TCP with octet counting, CEF: every event arrives in order and parses back', async () => {
    const { events, lines } = await sendAndRead('cef', { protocol: 'tcp', port: rsyslog.tcpPort });
    expect(lines.map((l) => l.input)).toEqual(['tcp', 'tcp', 'tcp', 'tcp']);
    expect(lines.map((l) => l.msg)).toEqual(events.map((e) => e.body));
    expect(lines[0]).toMatchObject({ pri: 16 * 8 + 3, hostname: 'hub1', appName: 'patchbay', msgId: 'record.created' });
    const header = lines[1]!.msg.split(/(?<!\\)\|/);
    expect(header.slice(0, 7)).toEqual(['CEF:0', 'Custom', 'DecoyDetector', '1.9.0-dev', '2004', expect.stringContaining('Suspicious activity detected'), '7']);
    expect(lines[1]!.msg).toContain('cs2=00000000-0000-4000-8000-000000000001');
  });

  it('TCP, LEEF 2.0: the header and attributes survive rsyslog', async () => {
    const { lines } = await sendAndRead('leef', { protocol: 'tcp', port: rsyslog.tcpPort }, 2);
    expect(lines[0]!.msg.startsWith('LEEF:2.0|CrowdStrike|Falcon|1.9.0-dev|2004|^|devTime=')).toBe(true);
    const attributes = Object.fromEntries(lines[1]!.msg.split('|').slice(6).join('|').split('^').map((kv) => kv.split(/=(.*)/s).slice(0, 2)));
    expect(attributes).toMatchObject({ sev: '7', eventId: '00000000-0000-4000-8000-000000000001', externalId: '1abc2de3-69ea-4e15-91c6-27eb4a07bd21' });
  });

  it('TLS, RFC 5424: rsyslog parses the header and structured data, MSG is the OCSF JSON', async () => {
    const { events, lines } = await sendAndRead('rfc5424', { protocol: 'tls', port: rsyslog.tlsPort, ca_pem: rsyslog.caPem, server_name: 'localhost' }, 2);
    expect(lines.map((l) => l.input)).toEqual(['tls', 'tls']);
    expect(lines[0]).toMatchObject({ pri: 16 * 8 + 3, hostname: expect.any(String), appName: 'patchbay', msgId: 'record.created' });
    expect(lines[0]!.structuredData).toBe(`[patchbay@32473 event_id="${events[0]!.id}" type="record.created" class_uid="2004" severity_id="4" instance_id="${INSTANCE}"]`);
    expect(JSON.parse(lines[0]!.msg)).toEqual(records.detection);
    expect(JSON.parse(lines[1]!.msg)).toEqual(records.finding);
  }, 20_000);

  it.skipIf(!hasRsyslogTls())('TLS refuses a receiver whose certificate the CA did not sign', async () => {
    await expect(syslog.destination!.connect!(contextFor({ host: '127.0.0.1', protocol: 'tls', port: rsyslog.tlsPort }))).rejects.toMatchObject({ code: 'DESTINATION_SEND_FAILED' });
  });

  it('UDP, CEF and a JSONata template: one datagram per message', async () => {
    const cef = await sendAndRead('cef', { protocol: 'udp', port: rsyslog.udpPort }, 2);
    expect(cef.lines.map((l) => l.input)).toEqual(['udp', 'udp']);
    expect(cef.lines.map((l) => l.msg)).toEqual(cef.events.map((e) => e.body));
    const template = await sendAndRead('jsonata', { protocol: 'udp', port: rsyslog.udpPort }, 1);
    expect(template.lines[0]!.msg).toBe('sev=4 title=Known Malware');
  });

  it('fails the next send once the receiver is gone, so the engine keeps its cursor and reconnects', async () => {
    const events = await eventsIn('cef', 1);
    const connection = await syslog.destination!.connect!(contextFor({ host: '127.0.0.1', port: rsyslog.tcpPort }));
    await connection.send({ format: 'cef', events, replay: false });
    await rsyslog.stop();
    await new Promise((r) => setTimeout(r, 100));
    await expect(connection.send({ format: 'cef', events, replay: false })).rejects.toMatchObject({ code: 'DESTINATION_SEND_FAILED' });
    await connection.close();
    await rsyslog.start();
  }, 20_000);
});

import { hostname } from 'node:os';
import type { DestinationBatch, DestinationEvent } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import type { SyslogConfig } from './config.ts';

/** OCSF severity_id to syslog severity (RFC 5424 table 2): fatal 1 alert .. informational 6. */
export function syslogSeverity(severityId: number | null): number {
  const table: Record<number, number> = { 6: 1, 5: 2, 4: 3, 3: 4, 2: 5, 1: 6, 0: 6 };
  return severityId === null ? 6 : (table[severityId] ?? 5);
}

const field = (value: string, max: number): string => value.replace(/[^\x21-\x7e]/g, '').slice(0, max) || '-';

/**
 * The syslog message of one event. RFC 5424 bodies are whole messages already (the engine renders the
 * header); CEF, LEEF and template output become the MSG of an RFC 5424 header
 * (`<PRI>1 TIMESTAMP HOSTNAME APP-NAME - MSGID - MSG`), the way ArcSight and QRadar collectors read them.
 */
export function messageOf(event: DestinationEvent, format: DestinationBatch['format'], config: SyslogConfig): string {
  const body = typeof event.body === 'string' ? event.body : JSON.stringify(event.body);
  if (format === 'rfc5424') return body;
  const pri = config.facility * 8 + syslogSeverity(event.severityId);
  return `<${pri}>1 ${event.occurredAt.toISOString()} ${field(config.hostname ?? hostname(), 255)} ${field(config.app_name, 48)} - ${field(event.type, 32)} - ${body}`;
}

/** RFC 6587 section 3.4.1 octet counting (`MSG-LEN SP SYSLOG-MSG`), or 3.4.2 non-transparent framing (LF trailer). */
export function frame(message: Buffer, framing: SyslogConfig['framing']): Buffer {
  if (framing === 'non-transparent') return Buffer.concat([message, Buffer.from('\n')]);
  return Buffer.concat([Buffer.from(`${message.length} `), message]);
}

/** The encoded messages of a batch, each checked against the size limit. */
export function encodeBatch(batch: DestinationBatch, config: SyslogConfig): Buffer[] {
  const limit = config.protocol === 'udp' ? Math.min(config.max_message_bytes, 65_507) : config.max_message_bytes;
  return batch.events.map((event) => {
    let text = messageOf(event, batch.format, config);
    // Non-transparent framing ends a message at LF: keep one message one line.
    if (config.protocol !== 'udp' && config.framing === 'non-transparent') text = text.replace(/[\r\n]+/g, ' ');
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length > limit) {
      throw new PatchbayError('DESTINATION_SEND_FAILED', { message: `Event ${event.id} is ${bytes.length} bytes, more than max_message_bytes (${limit})`, details: { event_id: event.id, bytes: bytes.length, limit } });
    }
    return bytes;
  });
}

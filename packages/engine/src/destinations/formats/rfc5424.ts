import type { FormatInput, FormatOptions } from './format-input.ts';
import { metricOf } from './metric-fields.ts';
import { commonFields } from './ocsf-fields.ts';
import { formatOcsfJson } from './ocsf-json.ts';

/*
 * The Syslog Protocol, RFC 5424 section 6 (https://www.rfc-editor.org/rfc/rfc5424#section-6):
 *   <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG
 * PRI = facility * 8 + severity; NILVALUE is `-`; header fields are PRINTUSASCII with maximum lengths
 * (HOSTNAME 255, APP-NAME 48, MSGID 32); SD-PARAM values escape `"`, `\` and `]` (section 6.3.3). The SD-ID
 * `patchbay@32473` uses the example enterprise number of RFC 5612 until Patchbay has its own. MSG is the
 * OCSF JSON of the event (MSG-ANY: no BOM). A metric event (compliance.metrics) adds its dimensions and
 * measures as SD-PARAMs (standard, findings, passed, failed, pass_ratio...).
 */

/** OCSF severity_id to syslog severity (RFC 5424 table 2): fatal 1 alert .. informational 6. */
export function syslogSeverity(severityId: number | null): number {
  const table: Record<number, number> = { 6: 1, 5: 2, 4: 3, 3: 4, 2: 5, 1: 6, 0: 6 };
  return severityId === null ? 6 : (table[severityId] ?? 5);
}

/** A header field: printable US-ASCII, cut to its maximum length, `-` when empty. */
export function headerField(value: string | undefined, max: number): string {
  const clean = (value ?? '').replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return clean === '' ? '-' : clean;
}

const param = (v: string): string => v.replace(/[\\"\]]/g, (c) => `\\${c}`);

export function priority(facility: number | undefined, severity: number): number {
  const f = Number.isInteger(facility) && facility! >= 0 && facility! <= 23 ? facility! : 16;
  return f * 8 + severity;
}

/** RFC 5424 TIMESTAMP: RFC 3339 in UTC with milliseconds. */
export const syslogTimestamp = (ms: number): string => new Date(ms).toISOString();

/** A whole RFC 5424 message (no framing: the transport frames it). */
export function formatRfc5424(input: FormatInput, options: FormatOptions = {}): string {
  const f = commonFields(input);
  const metric = metricOf(input);
  const params: (readonly [string, string | number | null | undefined])[] = [
    ['event_id', input.id],
    ['type', input.envelope.type],
    ['class_uid', f.classUid],
    ['severity_id', f.severityId],
    ['instance_id', input.instanceId],
    ...(metric ? [...metric.dimensions, ...metric.measures] : []),
  ];
  const sdId = headerField(options.sd_id ?? 'patchbay@32473', 32).replace(/[=\]"]/g, '');
  const sd = `[${sdId}${params.filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => ` ${k}="${param(String(v))}"`).join('')}]`;
  const head = [
    `<${priority(options.facility, syslogSeverity(f.severityId))}>1`,
    syslogTimestamp(Date.parse(input.envelope.timestamp)),
    headerField(options.hostname, 255),
    headerField(options.app_name ?? 'patchbay', 48),
    '-',
    headerField(input.envelope.type, 32),
    sd,
  ].join(' ');
  return `${head} ${JSON.stringify(formatOcsfJson(input))}`;
}

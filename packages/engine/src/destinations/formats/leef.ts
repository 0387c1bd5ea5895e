import type { FormatInput, FormatOptions } from './format-input.ts';
import { metricOf } from './metric-fields.ts';
import { commonFields, severity0to10 } from './ocsf-fields.ts';

/*
 * IBM QRadar Log Event Extended Format 2.0, per "LEEF event components" in the QRadar DSM guide
 * (https://www.ibm.com/docs/en/dsm?topic=leef-event-components):
 *   LEEF:2.0|Vendor|Product|Version|EventID|DelimiterCharacter|key=value<delimiter>key=value...
 * The delimiter is one character, or its hex code (`x09` for a tab). Header fields escape `|` with a
 * backslash. LEEF has no escape for the delimiter inside a value, so it is replaced there with a space,
 * as are CR and LF. Predefined keys: devTime with devTimeFormat, sev (1-10), cat, src, usrName,
 * identHostName; the rest are custom keys (a metric event adds its dimensions and measures under their
 * own names: standard, passed, failed, pass_ratio...).
 */

const header = (value: string): string => value.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');

/** One LEEF 2.0 line (no syslog header: the transport adds its own). */
export function formatLeef(input: FormatInput, options: FormatOptions = {}): string {
  const delimiter = options.leef_delimiter ?? '^';
  const declared = /^[\x21-\x7e]$/.test(delimiter) ? delimiter : `x${delimiter.charCodeAt(0).toString(16).padStart(2, '0')}`;
  const value = (v: string): string => v.split(delimiter).join(' ').replace(/[\r\n]+/g, ' ');
  const f = commonFields(input);
  const metric = metricOf(input);
  const attributes: (readonly [string, string | number | undefined])[] = [
    ['devTime', new Date(f.timeMs).toISOString()],
    ['devTimeFormat', "yyyy-MM-dd'T'HH:mm:ss.SSSX"],
    ['sev', Math.max(1, severity0to10(f.severityId))],
    ['cat', f.className],
    ['name', f.name],
    ['msg', f.message],
    ['externalId', f.externalId],
    ['identHostName', f.deviceHost],
    ['src', f.deviceIp],
    ['usrName', f.userName],
    ['eventType', input.envelope.type],
    ['eventId', input.id],
    ['sourceInstance', input.instanceId ?? undefined],
    ['ocsfSeverityId', f.severityId ?? undefined],
    ...(metric ? [...metric.dimensions, ...metric.measures] : []),
  ];
  const eventId = f.classUid === null ? input.envelope.type : String(f.classUid);
  const head = ['LEEF:2.0', header(f.vendor), header(f.product), header(f.productVersion), header(eventId), declared].join('|');
  return `${head}|${attributes.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${value(String(v))}`).join(delimiter)}`;
}

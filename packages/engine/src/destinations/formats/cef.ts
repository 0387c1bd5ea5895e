import type { FormatInput } from './format-input.ts';
import { metricOf } from './metric-fields.ts';
import { commonFields, severity0to10 } from './ocsf-fields.ts';

/*
 * ArcSight Common Event Format, per "Micro Focus Security ArcSight Common Event Format, Implementation
 * Standard" (version 25/26):
 *   CEF:Version|Device Vendor|Device Product|Device Version|Device Event Class ID|Name|Severity|[Extension]
 * Header fields escape `\` and `|` with a backslash; extension values escape `\` and `=`, and encode
 * CR/LF as `\r`/`\n`. Extension keys come from the standard dictionary (rt, msg, externalId, cat, shost,
 * src, suser, cs1..cs6 with their labels, cn1..cn3 and cfp1..cfp4 with their labels, cnt).
 * A metric event (compliance.metrics) adds cnt (findings), cn2/cn3 (passed/failed), cfp1/cfp2 (pass ratio
 * of findings and of controls) and cs4/cs5 (standard, instance); the message sums it up.
 */

function metricExtension(input: FormatInput): [string, string | number | undefined][] {
  const metric = metricOf(input);
  if (!metric) return [];
  const m = new Map(metric.measures);
  const d = new Map(metric.dimensions);
  return [
    ['cnt', m.get('findings')],
    ['cn2Label', 'passed'],
    ['cn2', m.get('passed')],
    ['cn3Label', 'failed'],
    ['cn3', m.get('failed')],
    ['cfp1Label', 'passRatio'],
    ['cfp1', m.get('pass_ratio')],
    ['cfp2Label', 'controlPassRatio'],
    ['cfp2', m.get('control_pass_ratio')],
    ['cs4Label', 'standard'],
    ['cs4', d.get('standard')],
    ['cs5Label', 'instanceName'],
    ['cs5', d.get('instance_name')],
  ];
}

const header = (value: string): string => value.replace(/[\r\n]+/g, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
const extension = (value: string): string => value.replace(/\\/g, '\\\\').replace(/=/g, '\\=').replace(/\r/g, '\\r').replace(/\n/g, '\\n');

/** One CEF line (no syslog header: the transport adds its own). */
export function formatCef(input: FormatInput): string {
  const f = commonFields(input);
  const ext: [string, string | number | undefined][] = [
    ['rt', f.timeMs],
    ['msg', f.message],
    ['externalId', f.externalId],
    ['cat', f.className],
    ['shost', f.deviceHost],
    ['src', f.deviceIp],
    ['suser', f.userName],
    ['cs1Label', 'eventType'],
    ['cs1', input.envelope.type],
    ['cs2Label', 'eventId'],
    ['cs2', input.id],
    ['cs3Label', 'sourceInstance'],
    ['cs3', input.instanceId ?? undefined],
    ['cn1Label', 'ocsfSeverityId'],
    ['cn1', f.severityId ?? undefined],
    ...metricExtension(input),
  ];
  const signature = f.classUid === null ? input.envelope.type : String(f.classUid);
  const head = ['CEF:0', header(f.vendor), header(f.product), header(f.productVersion), header(signature), header(f.name), String(severity0to10(f.severityId))].join('|');
  const body = ext.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${extension(String(v))}`).join(' ');
  return `${head}|${body}`;
}

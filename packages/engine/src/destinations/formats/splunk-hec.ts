import type { FormatInput, FormatOptions } from './format-input.ts';
import { metricOf } from './metric-fields.ts';
import { commonFields } from './ocsf-fields.ts';
import { formatOcsfJson } from './ocsf-json.ts';

/**
 * A Splunk HTTP Event Collector event (`/services/collector/event`), as documented in "Format events
 * for HTTP Event Collector" (https://docs.splunk.com/Documentation/Splunk/latest/Data/FormateventsforHTTPEventCollector):
 * `time` in epoch seconds (with milliseconds as decimals), `host`, `source`, `sourcetype`, optional
 * `index`, the event itself (the OCSF JSON format), and indexed `fields` for searches without parsing
 * (a metric event adds its dimensions and measures there: standard, passed, failed, pass_ratio...).
 */
export function formatSplunkHec(input: FormatInput, options: FormatOptions = {}): Record<string, unknown> {
  const f = commonFields(input);
  const fields: Record<string, string | number> = { event_id: input.id, event_type: input.envelope.type };
  if (f.classUid !== null) fields.class_uid = f.classUid;
  if (f.severityId !== null) fields.severity_id = f.severityId;
  if (input.instanceId) fields.instance_id = input.instanceId;
  const metric = metricOf(input);
  if (metric) for (const [key, value] of [...metric.dimensions, ...metric.measures]) fields[key] = value;
  return {
    time: f.timeMs / 1000,
    ...(options.hostname ? { host: options.hostname } : {}),
    source: options.source ?? 'patchbay',
    sourcetype: options.sourcetype ?? (f.classUid === null ? 'patchbay:event' : 'ocsf'),
    ...(options.index ? { index: options.index } : {}),
    event: formatOcsfJson(input),
    fields,
  };
}

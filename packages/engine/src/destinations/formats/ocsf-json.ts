import type { FormatInput } from './format-input.ts';
import { recordOf } from './ocsf-fields.ts';

/**
 * OCSF JSON (the default): the OCSF record itself for record and finding events, so a SIEM's OCSF
 * parser reads it as is (https://schema.ocsf.io); any other event is sent as its Standard Webhooks
 * envelope `{ type, timestamp, data }` (https://www.standardwebhooks.com).
 */
export function formatOcsfJson(input: FormatInput): Record<string, unknown> {
  return recordOf(input) ?? { type: input.envelope.type, timestamp: input.envelope.timestamp, data: input.envelope.data };
}

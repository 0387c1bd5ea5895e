import { readFileSync } from 'node:fs';
/**
 * What a destination connector's tests need from the hub, without depending on the engine: the hub's own
 * renderers (the events a destination is handed are rendered by them), sample OCSF records made by real
 * connectors' mappers from vendor samples, and a real rsyslog to send to.
 */
export { createFormatter, type FormatOptions, type Formatter, type Rendered } from '@patchbay/engine';
export { RsyslogReceiver, hasRsyslog, hasRsyslogTls, type Received } from '@patchbay/engine/testing';

/** Two OCSF records (a CrowdStrike detection, a Security Hub finding) the formats are tested on. */
export const sampleOcsfRecords = JSON.parse(
  readFileSync(new URL('../../../engine/src/destinations/formats/fixtures/ocsf-records.json', import.meta.url), 'utf8'),
) as Record<'detection' | 'finding', Record<string, unknown>>;

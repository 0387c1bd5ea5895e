import type { TicketState } from '@patchbay/sdk';
import type { ServiceNowConfig } from '../config.ts';
import { stateName } from '../incident-states.ts';
import { displayOf, snTimeMs, sysIdOf, valueOf, type TableRecord } from '../table-record.ts';
import { incidentUrl } from './incident-api.ts';

/** Journal fields: write-only through the Table API (their value reads back empty), so not read back as fields. */
const JOURNAL = new Set(['comments', 'work_notes', 'comments_and_work_notes']);

/**
 * An incident as the ticket engine sees it: its sys_id as the key (also the external id of its record in
 * the incidents stream), the link to its form, its state name (the status table's keys) and the database
 * value of every field it holds, for field ownership.
 */
export function ticketStateOf(config: Pick<ServiceNowConfig, 'base_url'>, record: TableRecord): TicketState {
  const sysId = sysIdOf(record);
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(record)) {
    if (!JOURNAL.has(name) && typeof field?.value === 'string') fields[name] = field.value;
  }
  const updated = snTimeMs(valueOf(record, 'sys_updated_on'));
  return {
    key: sysId,
    url: incidentUrl(config, sysId),
    status: stateName(valueOf(record, 'state'), displayOf(record, 'state')) ?? 'New',
    fields,
    ...(updated === undefined ? {} : { updatedAt: new Date(updated) }),
  };
}

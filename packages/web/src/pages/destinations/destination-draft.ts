import type { Destination, DestinationFormat, DestinationInput } from '../../api/types.ts';
import { DraftError } from '../../components/draft-error.ts';
import { EMPTY_FILTER, fromCriteria, toCriteria, type FilterDraft } from '../../components/filter-criteria.ts';

/** The destination form as typed. `template` is the jsonata format's expression; Splunk's fields apply to splunk-hec. */
export interface DestinationDraft {
  readonly name: string;
  readonly instanceId: string;
  readonly format: DestinationFormat | '';
  readonly eventType: string;
  readonly sourceInstanceId: string;
  readonly filter: FilterDraft;
  readonly template: string;
  readonly index: string;
  readonly sourcetype: string;
  readonly isActive: boolean;
}

export const NEW_DESTINATION: DestinationDraft = { name: '', instanceId: '', format: '', eventType: 'record.*', sourceInstanceId: '', filter: EMPTY_FILTER, template: '', index: '', sourcetype: '', isActive: true };

/** The format options a draft sets (only those of its format; the others are left out). */
function formatOptions(draft: DestinationDraft): Record<string, string> | undefined {
  if (draft.format === 'jsonata') {
    if (!draft.template.trim()) throw new DraftError('template', 'The jsonata format needs a template: an expression over { id, type, timestamp, instance_id, data, record }.');
    return { template: draft.template };
  }
  if (draft.format === 'splunk-hec') {
    const options = { ...(draft.index.trim() ? { index: draft.index.trim() } : {}), ...(draft.sourcetype.trim() ? { sourcetype: draft.sourcetype.trim() } : {}) };
    return Object.keys(options).length > 0 ? options : undefined;
  }
  return undefined;
}

/** The API body for a new destination; throws a DraftError (or the filter's FilterDraftError) naming the field. */
export function toDestinationInput(draft: DestinationDraft): DestinationInput {
  if (!draft.name.trim()) throw new DraftError('name', 'Name the destination (it appears in its health events).');
  if (!draft.instanceId) throw new DraftError('instance', 'Choose the integration the events are sent through (a syslog, Splunk or Sentinel instance).');
  if (!draft.format) throw new DraftError('format', 'Choose the format the receiver takes.');
  if (!draft.eventType.trim()) throw new DraftError('event-type', 'Choose an event type, a prefix such as record.* or * for every event.');
  const options = formatOptions(draft);
  return {
    name: draft.name.trim(),
    instance_id: draft.instanceId,
    format: draft.format,
    ...(options ? { format_options: options } : {}),
    event_type: draft.eventType.trim(),
    source_instance_id: draft.sourceInstanceId || null,
    filter_criteria: toCriteria(draft.filter),
    is_active: draft.isActive,
  };
}

/** The API body for a change: the create body without the integration (fixed once created). */
export function toDestinationUpdate(input: DestinationInput): Omit<DestinationInput, 'instance_id'> {
  const { instance_id: _, ...rest } = input;
  return rest;
}

/** A stored destination back into the form. */
export function fromDestination(d: Destination): DestinationDraft {
  const options = d.format_options as { template?: string; index?: string; sourcetype?: string };
  return {
    name: d.name,
    instanceId: d.instance_id,
    format: d.format,
    eventType: d.event_type,
    sourceInstanceId: d.source_instance_id ?? '',
    filter: fromCriteria(d.filter_criteria),
    template: options.template ?? '',
    index: options.index ?? '',
    sourcetype: options.sourcetype ?? '',
    isActive: d.is_active,
  };
}

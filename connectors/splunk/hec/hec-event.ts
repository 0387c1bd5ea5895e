import type { DestinationBatch, DestinationEvent } from '@patchbay/sdk';
import type { SplunkConfig } from '../config.ts';

/** What the HEC event endpoint takes per event ("Format events for HTTP Event Collector", "Event metadata"). */
export interface HecEvent {
  readonly time: number;
  readonly host?: string;
  readonly source?: string;
  readonly sourcetype?: string;
  readonly index?: string;
  readonly event: unknown;
  readonly fields?: Readonly<Record<string, unknown>>;
}

const isHecEvent = (body: DestinationEvent['body']): body is Readonly<Record<string, unknown>> & HecEvent =>
  typeof body === 'object' && body !== null && 'event' in body && typeof body.time === 'number';

/** Indexed fields that say which Patchbay event this is (searchable without parsing: `event_id::…`). */
function patchbayFields(event: DestinationEvent, replay: boolean): Record<string, string | number> {
  return { event_id: event.id, event_type: event.type, ...(event.instanceId ? { instance_id: event.instanceId } : {}), ...(replay ? { replay: 1 } : {}) };
}

/**
 * The HEC event of one rendered event. `splunk-hec` bodies are HEC events already (the hub renders
 * time, host, source, sourcetype, index, event and fields): the connector adds the configured index
 * when they name none, and marks replays. `ocsf-json` and `jsonata` bodies become the `event` of an
 * envelope with the event's time in epoch seconds and the configured host, source, sourcetype and index.
 */
export function hecEventOf(event: DestinationEvent, batch: Pick<DestinationBatch, 'format' | 'replay'>, config: SplunkConfig, defaultHost: string): HecEvent {
  if (batch.format === 'splunk-hec' && isHecEvent(event.body)) {
    const body = event.body;
    const fields = batch.replay ? { ...(body.fields ?? {}), replay: 1 } : body.fields;
    return { ...body, ...(body.index === undefined && config.hec_index ? { index: config.hec_index } : {}), ...(fields ? { fields } : {}) };
  }
  return {
    time: event.occurredAt.getTime() / 1000,
    host: config.hec_host ?? defaultHost,
    source: config.hec_source,
    sourcetype: config.hec_sourcetype,
    ...(config.hec_index ? { index: config.hec_index } : {}),
    event: event.body,
    fields: patchbayFields(event, batch.replay),
  };
}

import { ocsfVersion } from '@patchbay/ocsf';
import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import type { ReceivedEvent } from '../webhook/received-event.ts';
import { parseEventTime } from './event-time.ts';
import { severityOf } from './severity.ts';

/** OCSF Base Event: the class for events the schema defines no specific class for (class_uid 0, category 0). */
const BASE_EVENT = 0;
const ACTIVITY_UNKNOWN = 0;
const ACTIVITY_OTHER = 99;

/**
 * One received record as an OCSF Base Event. A generic sender's payload has no known OCSF home, so
 * all of it goes to `unmapped.payload`; what the instance settings located in it (id, time, event
 * type, severity) is mapped. Pure.
 */
export function mapEvent(raw: ReceivedEvent, meta: MapMeta): OcsfRecord {
  const receivedAt = Date.parse(raw.received_at);
  const time = parseEventTime(raw.time);
  const activityId = raw.event_type === null ? ACTIVITY_UNKNOWN : ACTIVITY_OTHER;
  return {
    class_uid: BASE_EVENT,
    category_uid: BASE_EVENT,
    activity_id: activityId,
    activity_name: raw.event_type ?? 'Unknown',
    type_uid: BASE_EVENT * 100 + activityId,
    ...severityOf(raw.severity),
    time: time ?? receivedAt,
    message: `${raw.source} ${raw.event_type ?? 'event'}`,
    metadata: {
      version: ocsfVersion,
      uid: raw.id,
      product: { name: raw.source },
      log_name: meta.stream,
      logged_time: receivedAt,
      ...(raw.time === null ? {} : { original_time: typeof raw.time === 'string' ? raw.time : JSON.stringify(raw.time) }),
      ...(raw.event_type === null ? {} : { event_code: raw.event_type }),
      ...(raw.delivery_id === null ? {} : { correlation_uid: raw.delivery_id }),
    },
    unmapped: { payload: raw.payload, sender: raw.sender },
  };
}

import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import { eventClassOf } from './log-event-class.ts';
import { actorOf, httpRequestOf, obj, severityOf, srcEndpointOf, statusOf, targetOf, text, userOf } from './log-event-parts.ts';
import { compact, metadataOf } from './metadata.ts';
import { eventTime } from './okta-time.ts';
import type { OktaLogEvent } from './okta-types.ts';

const CATEGORY: Readonly<Record<number, number>> = { 3001: 3, 3002: 3, 3006: 3, 6003: 6 };
const NO_IP = { name: 'Unknown' };

/**
 * One Okta System Log event as the OCSF class its eventType belongs to (log-event-class.ts): Authentication
 * 3002, Account Change 3001, Group Management 3006 or API Activity 6003. Common to all: `time` published,
 * `metadata.uid` the uuid, `metadata.event_code` the eventType, `metadata.correlation_uid` the transaction,
 * `message` displayMessage, severity on Okta's DEBUG/INFO/WARN/ERROR scale, status from outcome, the
 * actor, the client as src_endpoint and the request. The whole event minus the fields mapped one to one
 * stays under `unmapped` (actor, client, target, contexts included), so nothing is dropped.
 */
export function mapLogEvent(raw: OktaLogEvent, meta: MapMeta): OcsfRecord {
  const { uuid, published, eventType, displayMessage, severity, ...rest } = raw;
  const { classUid, activityId, activityName } = eventClassOf(eventType);
  const { time, original } = eventTime(published, meta.receivedAt);
  const sessionId = text(obj(raw.authenticationContext).externalSessionId);
  const actor = actorOf(raw.actor, sessionId);
  const targetUser = userOf(targetOf(raw.target, ['User']));
  const actorUser = actor?.user as Record<string, unknown> | undefined;
  const src = srcEndpointOf(raw.client, raw.securityContext);
  const transaction = text(obj(raw.transaction).id);
  const request = httpRequestOf(raw.client, raw.debugContext);
  const common = {
    class_uid: classUid,
    category_uid: CATEGORY[classUid],
    activity_id: activityId,
    type_uid: classUid * 100 + activityId,
    ...(activityName ? { activity_name: activityName } : {}),
    ...severityOf(severity),
    ...statusOf(raw.outcome),
    time,
    ...(typeof displayMessage === 'string' && displayMessage ? { message: displayMessage } : {}),
    metadata: { ...metadataOf(meta, uuid, compact({ original, eventCode: eventType })), ...(transaction ? { correlation_uid: transaction } : {}) },
    ...(actor ? { actor } : {}),
    ...(request ? { http_request: request } : {}),
    unmapped: compact({ ...rest }),
  };
  const srcEndpoint = src ? { src_endpoint: src } : {};
  const unknownUser = { name: 'Unknown' };
  switch (classUid) {
    case 3002: {
      const app = targetOf(raw.target, ['AppInstance']);
      const service = compact({ name: text(app?.displayName) ?? 'Okta', uid: text(app?.id) });
      return { ...common, ...srcEndpoint, user: actorUser ?? targetUser ?? unknownUser, service, ...(sessionId ? { session: { uid: sessionId } } : {}) };
    }
    case 3001:
      return { ...common, ...srcEndpoint, user: targetUser ?? actorUser ?? unknownUser };
    case 3006: {
      const group = targetOf(raw.target, ['UserGroup']);
      const groupObject = compact({ uid: text(group?.id), name: text(group?.displayName) ?? text(group?.alternateId) });
      return { ...common, ...srcEndpoint, group: Object.keys(groupObject).length > 0 ? groupObject : { name: 'Unknown' }, ...(targetUser ? { user: targetUser } : {}) };
    }
    default:
      return {
        ...common,
        actor: actor ?? { app_name: 'Unknown' },
        api: { operation: eventType, service: { name: 'Okta' } },
        src_endpoint: src ?? NO_IP,
      };
  }
}

import type { WebhookRequest, WebhookResult } from '@patchbay/sdk';
import type { ReceiverConfig } from '../config.ts';
import { contentId } from './content-id.ts';
import { readField, readPath, readText } from './json-path.ts';
import { payloadLayout, senderOf, type PayloadLayout } from './presets.ts';
import type { ReceivedEvent } from './received-event.ts';

export const EVENTS_STREAM = 'events';

function headerText(request: WebhookRequest, name: string | undefined): string | undefined {
  const value = name === undefined ? undefined : request.headers[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Slack checks a new Events API URL by posting a challenge that must be echoed back. */
function slackChallenge(body: unknown): string | undefined {
  const candidate = body as { type?: unknown; challenge?: unknown } | null;
  return candidate?.type === 'url_verification' && typeof candidate.challenge === 'string' ? candidate.challenge : undefined;
}

function recordId(record: unknown, index: number, count: number, layout: PayloadLayout, deliveryId: string | undefined): string {
  // A configured id field is authoritative: a record without it gets an empty id, which the engine rejects with the reason.
  if (layout.idField !== undefined) return readText(record, layout.idField) ?? '';
  if (deliveryId !== undefined) return count === 1 ? deliveryId : `${deliveryId}:${index}`;
  return contentId(record);
}

function eventType(record: unknown, layout: PayloadLayout, fromHeader: string | undefined): string | null {
  const parts = [fromHeader, readText(record, layout.eventTypeField)].filter((part) => part !== undefined);
  return parts.length === 0 ? null : parts.join('.');
}

const failure = (status: number, error: string): WebhookResult => ({ response: { status, body: { error } } });

/**
 * Turns a verified delivery into records of the `events` stream. Pure: no I/O and no clock (the time
 * of receipt comes with the request). A JSON object is one record and an array is one record per
 * element, after following `record_path`. The scheme that verified it does not matter here: the
 * engine verified it with the instance's choice before calling the handler.
 */
export function receive(request: WebhookRequest, config: ReceiverConfig): WebhookResult {
  const sender = senderOf(request.headers);
  if (sender === 'slack') {
    const challenge = slackChallenge(request.body);
    if (challenge !== undefined) return { response: { status: 200, body: { challenge } } };
  }
  if (request.body === null || typeof request.body !== 'object') {
    return failure(415, 'The body must be a JSON object or array');
  }
  const layout = payloadLayout(config, sender);
  const found = layout.recordPath === undefined ? request.body : readPath(request.body, layout.recordPath);
  if (found === undefined) return failure(422, `record_path "${layout.recordPath}" is not in the body`);
  const items: readonly unknown[] = Array.isArray(found) ? found : [found];
  const deliveryId = headerText(request, layout.deliveryHeader);
  const typeFromHeader = headerText(request, layout.eventTypeHeader);
  const records = items.map(
    (item, index): ReceivedEvent => ({
      id: recordId(item, index, items.length, layout, deliveryId),
      source: config.source_name,
      event_type: eventType(item, layout, typeFromHeader),
      time: readField(item, layout.timeField),
      severity: readField(item, layout.severityField),
      received_at: request.receivedAt.toISOString(),
      delivery_id: deliveryId ?? null,
      sender,
      payload: item,
    }),
  );
  return { records: [{ stream: EVENTS_STREAM, records }], response: { status: 202, body: { received: records.length } } };
}

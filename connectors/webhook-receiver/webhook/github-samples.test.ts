/**
 * GitHub's own webhook payload examples (octokit/webhooks, MIT), read from
 * ../shared/vendor/samples/github-webhooks/payload-examples/api.github.com/<event>/<file>.
 * The event folder name is what GitHub sends in X-GitHub-Event.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { validateRecord } from '@patchbay/ocsf';
import type { MapMeta, WebhookRequest } from '@patchbay/sdk';
import { describe, expect, it } from 'vitest';
import { config } from '../config.ts';
import { mapEvent } from '../mappers/event.ts';
import type { ReceivedEvent } from './received-event.ts';
import { receive } from './receive.ts';

const samples = new URL('../../../../shared/vendor/samples/github-webhooks/payload-examples/api.github.com/', import.meta.url);
const receivedAt = new Date('2026-05-01T12:00:05Z');
const meta: MapMeta = { connector: { id: 'webhook-receiver', name: 'Webhook receiver', vendor: 'Patchbay', version: '0.1.0' }, stream: 'events', instanceId: 'test', receivedAt };

function deliver(event: string, file: string, settings: Record<string, unknown> = {}) {
  const rawBody = readFileSync(new URL(`${event}/${file}`, samples), 'utf8');
  const request: WebhookRequest = {
    method: 'POST',
    headers: { 'x-github-event': event, 'x-github-delivery': `delivery-${event}-${file}`, 'content-type': 'application/json' },
    query: {},
    body: JSON.parse(rawBody),
    rawBody,
    receivedAt,
  };
  const result = receive(request, config.parse({ source_name: 'GitHub', ...settings }));
  const events = result.records![0]!.records as ReceivedEvent[];
  return { events, records: events.map((raw) => mapEvent(raw, meta)) };
}

function expectValid(record: unknown): void {
  const result = validateRecord(record);
  expect(result.valid ? [] : result.errors).toEqual([]);
}

describe('GitHub webhook deliveries', () => {
  it('issues/opened.payload.json: the event and action name the activity, issue.updated_at the time', () => {
    const { events, records } = deliver('issues', 'opened.payload.json', { time_field: 'issue.updated_at' });
    expect(events).toMatchObject([{ id: 'delivery-issues-opened.payload.json', event_type: 'issues.opened', time: '2019-05-15T15:20:18Z', sender: 'github' }]);
    expectValid(records[0]);
    expect(records[0]).toMatchObject({ activity_id: 99, activity_name: 'issues.opened', time: Date.parse('2019-05-15T15:20:18Z'), metadata: { product: { name: 'GitHub' } } });
  });

  it('push/payload.json: no action field, and repository.pushed_at in epoch seconds', () => {
    const { records } = deliver('push', 'payload.json', { time_field: 'repository.pushed_at' });
    expectValid(records[0]);
    expect(records[0]).toMatchObject({ activity_name: 'push', time: 1_557_933_657_000 });
  });

  it('dependabot_alert/created.payload.json and code_scanning_alert/created.payload.json: severities from the alert', () => {
    const dependabot = deliver('dependabot_alert', 'created.payload.json', { severity_field: 'alert.security_advisory.severity', time_field: 'alert.created_at' });
    expectValid(dependabot.records[0]);
    expect(dependabot.records[0]).toMatchObject({ activity_name: 'dependabot_alert.created', severity_id: 3, severity: 'Medium', time: Date.parse('2023-06-24T13:57:12Z') });
    const codeScanning = deliver('code_scanning_alert', 'created.payload.json', { severity_field: 'alert.rule.severity' });
    expectValid(codeScanning.records[0]);
    expect(codeScanning.records[0]).toMatchObject({ activity_name: 'code_scanning_alert.created', severity_id: 99, severity: 'error' });
  });

  it('secret_scanning_alert/reopened.payload.json and ping/payload.json keep the whole payload under unmapped', () => {
    for (const [event, file] of [['secret_scanning_alert', 'reopened.payload.json'], ['ping', 'payload.json']] as const) {
      const { records } = deliver(event, file);
      expectValid(records[0]);
      const original: unknown = JSON.parse(readFileSync(new URL(`${event}/${file}`, samples), 'utf8'));
      expect((records[0]!.unmapped as { payload: unknown }).payload).toEqual(original);
    }
  });

  it('every example payload GitHub publishes becomes a valid OCSF record', () => {
    let count = 0;
    for (const event of readdirSync(samples)) {
      for (const file of readdirSync(new URL(`${event}/`, samples)).filter((name) => name.endsWith('.json'))) {
        const { records } = deliver(event, file);
        expect(records).toHaveLength(1);
        const result = validateRecord(records[0]);
        expect(result.valid ? [] : [`${event}/${file}`, result.errors]).toEqual([]);
        count += 1;
      }
    }
    expect(count).toBeGreaterThan(250);
  });
});

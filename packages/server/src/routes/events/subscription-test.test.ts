import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createTestHub, type TestHub } from '../../testing/test-hub.ts';

describe.each(testDatabaseKinds())('testing an event subscription on %s', (kind) => {
  let hub: TestHub;
  let instanceId: string;
  const test = (body: Record<string, unknown>, role: 'viewer' | 'editor' = 'viewer') => hub.app.inject({ method: 'POST', url: '/api/integration/event-subscriptions/test', headers: hub.auth(role), payload: body });

  beforeAll(async () => {
    hub = await createTestHub(kind);
    instanceId = (await hub.app.inject({ method: 'POST', url: '/api/integration/instances', headers: hub.auth('admin'), payload: { name: 'src', connector_id: 'test-source' } })).json().id;
    // Two findings happened, the critical one last; and an event of another organisation, which must never be used.
    const other = await hub.addOrganization('other');
    const finding = (severity: number) => ({ record_id: crypto.randomUUID(), instance_id: instanceId, stream: 'alerts', external_id: `f-${severity}`, class_uid: 2004, severity_id: severity, record: { metadata: { labels: ['production'] } } });
    await hub.db.database.query(`insert into outbox (organization_id, instance_id, type, occurred_at, data) values ($1, $2, 'finding.created', '2026-11-20T10:00:00Z', $3), ($1, $2, 'finding.created', '2026-11-20T11:00:00Z', $4), ($5, null, 'finding.created', '2026-11-20T12:00:00Z', $6)`, [
      hub.organizationId,
      instanceId,
      JSON.stringify(finding(2)),
      JSON.stringify(finding(5)),
      other.organizationId,
      JSON.stringify({ class_uid: 1, severity_id: 1 }),
    ]);
  });
  afterAll(() => hub.close());

  it("tests a draft against the organisation's latest event of its type, check by check", async () => {
    const res = await test({ event_type: 'finding.*', instance_id: instanceId, filter_criteria: { class_uids: [2004], severity_at_least: 5, tags: ['production'], predicate: 'data.stream = "alerts"' } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ matched: true, source: 'latest', event_instance_id: instanceId, event: { type: 'finding.created', timestamp: '2026-11-20T11:00:00.000Z', data: { severity_id: 5 } } });
    expect(body.checks.map((c: { criterion: string; passed: boolean }) => [c.criterion, c.passed])).toEqual([
      ['event_type', true],
      ['instance_id', true],
      ['class_uids', true],
      ['severity_at_least', true],
      ['tags', true],
      ['predicate', true],
    ]);
    expect(body.checks.find((c: { criterion: string }) => c.criterion === 'predicate').detail).toBe('data.stream = "alerts" gave true');
  });

  it('says which checks fail on a given event, and why', async () => {
    const event = { type: 'finding.created', timestamp: '2026-11-21T08:00:00Z', data: { class_uid: 2004, severity_id: 3, stream: 'alerts', tags: ['staging'] } };
    const res = await test({ event_type: 'finding.created', filter_criteria: { severity_at_least: 4, tags: ['production'], predicate: 'data.stream.(' }, event });
    expect(res.statusCode, res.body).toBe(400); // the predicate does not compile: the same answer saving it gets
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'filter_criteria.predicate' });

    const ok = await test({ event_type: 'finding.created', filter_criteria: { severity_at_least: 4, tags: ['production'], predicate: '$number(data.stream)' }, event, event_instance_id: null });
    const body = ok.json();
    expect(body).toMatchObject({ matched: false, source: 'given', event_instance_id: null });
    const byCriterion = Object.fromEntries(body.checks.map((c: { criterion: string; passed: boolean; detail: string }) => [c.criterion, c]));
    expect(byCriterion.event_type.passed).toBe(true);
    expect(byCriterion.severity_at_least).toMatchObject({ passed: false, detail: 'severity_id 4 or above; the event has 3' });
    expect(byCriterion.tags).toMatchObject({ passed: false, detail: 'all of production; the event has staging' });
    expect(byCriterion.predicate.passed).toBe(false);
    expect(byCriterion.predicate.detail).toMatch(/^\$number\(data\.stream\) failed: /);
  });

  it('answers 404 with a hint when no event of the type has happened, and 400 for a bad pattern', async () => {
    const none = await test({ event_type: 'ticket.sla_breached' });
    expect([none.statusCode, none.json().code, none.json().field]).toEqual([404, 'NOT_FOUND', 'event']);
    expect(none.json().hint).toMatch(/Give an event/);
    const bad = await test({ event_type: 'Not A Type!' });
    expect([bad.statusCode, bad.json().code, bad.json().field]).toEqual([400, 'VALIDATION_FAILED', 'event_type']);
    const unauthenticated = await hub.app.inject({ method: 'POST', url: '/api/integration/event-subscriptions/test', payload: { event_type: '*' } });
    expect(unauthenticated.statusCode).toBe(401);
  });
});

import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import type { OktaLogEvent } from './okta-types.ts';
import { mapLogEvent } from './log-event.ts';
import { eventClassOf } from './log-event-class.ts';
import { meta, sampleLogEvents } from './test-support.ts';

const events = sampleLogEvents();
const find = (name: string) => events.find((e) => e.name === name)!.log as OktaLogEvent;

describe('System Log mapper on real events (shared/vendor/samples/panther-rule-tests/okta_rules.json)', () => {
  it('maps every Okta event of the sample file to a valid record of its class', () => {
    expect(events.length).toBeGreaterThanOrEqual(30);
    for (const { name, log } of events) {
      const record = mapLogEvent(log as OktaLogEvent, meta('system-log'));
      expect(validateRecord(record, { warnings: false }), name).toEqual({ valid: true, warnings: [] });
      expect(record.class_uid, name).toBe(eventClassOf(String(log.eventType)).classUid);
    }
  });

  it('maps a failed sign-in to Authentication: user, client, geography, AS, session and request', () => {
    const record = mapLogEvent(find('Failed Login'), meta('system-log'));
    expect(record).toMatchObject({
      class_uid: 3002,
      activity_id: 1,
      type_uid: 300201,
      severity_id: 1,
      status_id: 2,
      status: 'Failure',
      message: 'User login to Okta',
      user: { uid: '00ubewfku1EX0WCFk697', name: 'casey.hill@hey.com', email_addr: 'casey.hill@hey.com', full_name: 'Casey Hill' },
      service: { name: 'Okta Dashboard', uid: '0oabewfkt83T8ve1o697' },
      session: { uid: 'idxvF50v_5sT2-GOA7_K0Amyw' },
      src_endpoint: { ip: '99.108.5.25', isp: 'att services inc', autonomous_system: { number: 7018, name: 'at&t corp.' }, location: { city: 'Atlanta', country: 'United States', lat: 33.9794, long: -84.3459 } },
      http_request: { uid: '601b158a3b3e23be5bbf74d0fe63cd78' },
      metadata: { uid: 'aac560bd-f125-11ee-9caa-cd5d09945def', event_code: 'user.session.start', correlation_uid: '601b158a3b3e23be5bbf74d0fe63cd78' },
    });
    expect(record.unmapped).toMatchObject({ legacyEventType: 'core.user_auth.login_success', target: expect.any(Array), debugContext: expect.any(Object) });
  });

  it('maps a privilege grant to Account Change with the target user, and MFA deactivation with Okta\'s severity', () => {
    expect(mapLogEvent(find('Admin Access Assigned'), meta('system-log'))).toMatchObject({ class_uid: 3001, activity_id: 7, user: { uid: '00u6eup97mAJZWYmP357', name: 'alice@acme.io' }, actor: { user: { uid: '00uu1uuuuIlllaaaa356' } } });
    // HIGH is not one of Okta's levels (DEBUG, INFO, WARN, ERROR): Other, with the vendor's word.
    expect(mapLogEvent(find('MFA Disabled'), meta('system-log'))).toMatchObject({ class_uid: 3001, activity_id: 11, severity_id: 99, severity: 'HIGH' });
  });

  it('maps other events to API Activity, with the eventType as the operation and WARN as Medium', () => {
    const record = mapLogEvent(find('Non-Login Event'), meta('system-log'));
    expect(record).toMatchObject({ class_uid: 6003, activity_id: 99, activity_name: 'system.org.rate_limit.warning', severity_id: 3, api: { operation: 'system.org.rate_limit.warning' } });
    expect(mapLogEvent(find('API Key Created'), meta('system-log'))).toMatchObject({ class_uid: 6003, activity_id: 1 });
  });

  it('never guesses a zone: a published time without one (a warehouse copy) keeps its text and takes the receipt time', () => {
    const record = mapLogEvent(find('Admin Access Assigned'), meta('system-log'));
    expect(record.time).toBe(Date.parse('2026-05-01T00:00:00.000Z'));
    expect(record.metadata).toMatchObject({ original_time: '2020-11-25 21:27:03.496000000' });
    const api = mapLogEvent({ ...find('Failed Login'), published: '2024-04-02T19:17:37.621Z' }, meta('system-log'));
    expect(api.time).toBe(Date.parse('2024-04-02T19:17:37.621Z'));
  });

  it('classifies the event types of the table', () => {
    expect(['user.session.end', 'user.lifecycle.suspend', 'group.user_membership.add', 'application.lifecycle.delete', 'policy.evaluate_sign_on'].map((t) => eventClassOf(t))).toEqual([
      { classUid: 3002, activityId: 2 },
      { classUid: 3001, activityId: 5 },
      { classUid: 3006, activityId: 3 },
      { classUid: 6003, activityId: 4 },
      { classUid: 6003, activityId: 99, activityName: 'policy.evaluate_sign_on' },
    ]);
  });
});

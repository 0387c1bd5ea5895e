import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { SubscriptionTest } from '../../api/types.ts';
import { ErrorBox } from '../../components/error-box.tsx';
import { toCriteria } from '../../components/filter-criteria.ts';
import type { SubscriptionDraft } from './subscription-draft.ts';

/** The API body testing a draft: its type, source and criteria, and the pasted event if any (else the latest of the type). */
export function testBody(draft: SubscriptionDraft, eventJson: string) {
  let event: unknown;
  if (eventJson.trim()) {
    try {
      event = JSON.parse(eventJson);
    } catch (e) {
      throw new Error(`The event is not valid JSON: ${(e as Error).message}`, { cause: e });
    }
    if (event === null || typeof event !== 'object' || Array.isArray(event)) throw new Error('The event is a JSON object { "type", "timestamp", "data" }.');
  }
  return {
    event_type: draft.eventType.trim(),
    instance_id: draft.sourceInstanceId || null,
    filter_criteria: toCriteria(draft.filter),
    ...(event ? { event: event as { type: string; timestamp: string; data: Record<string, unknown> } } : {}),
  };
}

/**
 * Tests the subscription as drafted against one event (pasted, or the organisation's latest of its type) and
 * shows each check with why it passed or failed. Nothing is sent or saved.
 */
export function SubscriptionTester({ draft }: { draft: SubscriptionDraft }) {
  const [eventJson, setEventJson] = useState('');
  const [result, setResult] = useState<SubscriptionTest | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await unwrap(api.POST('/api/integration/event-subscriptions/test', { body: testBody(draft, eventJson) })));
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <fieldset className="subscription-tester">
      <legend>Test against an event</legend>
      <div className="field">
        <label htmlFor="sub-test-event">Event (JSON; leave empty to use the latest event of this type)</label>
        <textarea id="sub-test-event" rows={4} className="mono" value={eventJson} onChange={(e) => setEventJson(e.target.value)} placeholder='{ "type": "finding.created", "timestamp": "2026-11-22T10:00:00Z", "data": { "class_uid": 2004, "severity_id": 5 } }' />
      </div>
      <button type="button" onClick={run} disabled={busy}>
        {busy ? 'Testing…' : 'Test the subscription'}
      </button>
      <ErrorBox error={error} title="The test did not run" />
      {result && (
        <div className="test-result" role="status">
          <p>
            <strong>{result.matched ? '✓ It would act on this event' : '✗ It would not act on this event'}</strong> ({result.source === 'latest' ? `the latest ${result.event.type}, ${result.event.timestamp}` : 'the event given'})
          </p>
          <ul className="plain filter-checks">
            {result.checks.map((c) => (
              <li key={c.criterion} className={c.passed ? 'tone-good' : 'tone-bad'}>
                {c.passed ? '✓' : '✗'} <code>{c.criterion}</code>: {c.detail}
              </li>
            ))}
          </ul>
          <details>
            <summary className="small">The event</summary>
            <pre className="small">{JSON.stringify(result.event, null, 2)}</pre>
          </details>
        </div>
      )}
    </fieldset>
  );
}

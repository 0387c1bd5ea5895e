import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import type { ConnectionTest, Execution } from '../../api/types.ts';
import { ErrorBox } from '../../components/error-box.tsx';
import { ExecutionProgress, isTerminal } from '../operations/execution-progress.tsx';
import type { WizardData, WizardProgress } from './wizard-state.ts';

/**
 * Step 4: a real connection test (the connector's live call, with its latency), then the schedule and the
 * activation; the first sync starts at once and its progress shows here.
 */
export function StepActivate({ data, progress, onBack }: { data: WizardData; progress: WizardProgress; onBack: () => void }) {
  const instance = progress.instance!;
  const defaultMinutes = Math.min(...data.capabilities.streams.map((s) => s.schedule_minutes ?? 60), 60);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const [testing, setTesting] = useState(false);
  const [scheduled, setScheduled] = useState(true);
  const [minutes, setMinutes] = useState(defaultMinutes);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [executions, setExecutions] = useState<Execution[] | null>(null);

  async function runTest() {
    setTesting(true);
    setError(null);
    try {
      setTest(await unwrap(api.POST('/api/integration/instances/{id}/test', { params: { path: { id: instance.id } } })));
    } catch (e) {
      setError(e as Error);
    } finally {
      setTesting(false);
    }
  }

  async function activate() {
    setBusy(true);
    setError(null);
    try {
      if (scheduled) await unwrap(api.POST('/api/integration/schedules', { body: { instance_id: instance.id, schedule_type: 'interval', interval_minutes: minutes } }));
      await unwrap(api.POST('/api/integration/instances/{id}/activate', { params: { path: { id: instance.id } } }));
      const started = await unwrap(api.POST('/api/integration/instances/{id}/sync', { params: { path: { id: instance.id } }, body: {} }));
      setExecutions(started.executions);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  // The first sync's progress, live: poll its executions until each has ended.
  useEffect(() => {
    if (!executions || executions.every((e) => isTerminal(e.status))) return;
    const timer = setTimeout(async () => {
      try {
        const page = await unwrap(api.GET('/api/integration/sync-executions', { params: { query: { instance_id: instance.id, limit: 20 } } }));
        const ids = new Set(executions.map((e) => e.id));
        setExecutions(page.items.filter((e) => ids.has(e.id)));
      } catch (e) {
        setError(e as Error);
      }
    }, 700);
    return () => clearTimeout(timer);
  }, [executions, instance.id]);

  const done = executions !== null;
  const finished = executions?.every((e) => isTerminal(e.status)) ?? false;
  return (
    <section aria-labelledby="step-title">
      <h2 id="step-title">4. Test &amp; activate</h2>
      <div className="card">
        <h3>Connection test</h3>
        <p className="small">Calls {data.connector.name} with the saved settings and credentials, through the same network guard as syncs.</p>
        <button type="button" onClick={runTest} disabled={testing || done}>
          {testing ? 'Testing…' : test ? 'Test again' : 'Test connection'}
        </button>
        {test && (
          <div className={`test-result ${test.ok ? 'tone-good' : 'tone-bad'}`} role="status">
            <strong>{test.ok ? '✓ Connected' : '✗ The test failed'}</strong> in {test.latency_ms} ms
            {test.error && <p>{String((test.error as { message?: unknown }).message ?? JSON.stringify(test.error))}</p>}
            {test.error && (test.error as { hint?: unknown }).hint ? <p className="hint">{String((test.error as { hint?: unknown }).hint)}</p> : null}
            {Object.keys(test.details).length > 0 && <pre className="small">{JSON.stringify(test.details, null, 2)}</pre>}
          </div>
        )}
      </div>
      <fieldset className="card" disabled={done}>
        <legend>Schedule</legend>
        <label className="checkbox">
          <input type="checkbox" checked={scheduled} onChange={(e) => setScheduled(e.target.checked)} /> Sync on a schedule
        </label>
        <div className="field inline">
          <label htmlFor="interval">Every (minutes)</label>
          <input id="interval" type="number" min={1} max={10080} value={minutes} disabled={!scheduled} onChange={(e) => setMinutes(Math.max(1, Number(e.target.value)))} />
        </div>
        <p className="hint">Without a schedule the integration syncs only when you press Sync now (or an event schedule fires).</p>
      </fieldset>
      <ErrorBox error={error} />
      {!done && (
        <div className="actions">
          <button type="button" onClick={onBack}>
            ← Back
          </button>
          <button type="button" className="primary" onClick={activate} disabled={busy || !test?.ok}>
            {busy ? 'Activating…' : 'Activate and sync now'}
          </button>
          {!test?.ok && <span className="hint">Run a successful connection test first.</span>}
        </div>
      )}
      {executions && (
        <section className="card" aria-labelledby="first-sync">
          <h3 id="first-sync">{finished ? 'First sync finished' : 'First sync running…'}</h3>
          {executions.length === 0 && <p>No stream to sync with this configuration.</p>}
          {executions.map((e) => (
            <ExecutionProgress key={e.id} execution={e} />
          ))}
          <p className="actions">
            <Link className="button primary" to={`/records?instance=${instance.id}`}>
              See the records
            </Link>
            <Link className="button" to={`/operations/logs?instance=${instance.id}`}>
              View logs
            </Link>
            <Link className="button" to="/integrations/installed">
              My integrations
            </Link>
          </p>
        </section>
      )}
    </section>
  );
}

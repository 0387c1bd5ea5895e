import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, Bar, BarChart } from 'recharts';
import { api, unwrap } from '../../api/client.ts';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { ago } from '../../components/format.ts';
import { HealthBadge } from '../../components/status.tsx';
import { useLoad } from '../../components/use-load.ts';

const DAY = 86_400_000;

/** Health dashboard: every integration's state and stale streams, and one integration's metrics over time. */
export default function HealthPage() {
  const [selected, setSelected] = useState('');
  const [days, setDays] = useState(1);
  const health = useLoad(() => unwrap(api.GET('/api/integration/health', { params: { query: { limit: 200 } } })), []);
  const instanceId = selected || health.data?.items[0]?.instance_id || '';
  const series = useLoad(async () => {
    if (!instanceId) return null;
    const until = new Date();
    const since = new Date(until.getTime() - days * DAY);
    return unwrap(api.GET('/api/integration/metrics/{id}', { params: { path: { id: instanceId }, query: { since: since.toISOString(), until: until.toISOString(), granularity: days > 2 ? 'day' : 'hour', limit: 200 } } }));
  }, [instanceId, days]);
  const points = (series.data?.items ?? []).map((p) => ({
    at: new Date(p.period_start).toLocaleString([], days > 2 ? { month: 'short', day: 'numeric' } : { hour: '2-digit', minute: '2-digit' }),
    uptime: p.availability_percentage,
    errors: p.error_rate,
    response: p.average_response_time,
    records: p.records_processed,
    bytes: p.data_transferred,
    throttled: p.throttling_events,
  }));

  return (
    <section>
      <h1>Health</h1>
      <ErrorBox error={health.error} />
      {!health.data && <Loading what="health" />}
      {health.data && (
        <table>
          <caption className="visually-hidden">Health of every integration</caption>
          <thead>
            <tr>
              <th scope="col">Integration</th>
              <th scope="col">State</th>
              <th scope="col">Last success</th>
              <th scope="col">Last error</th>
              <th scope="col">Stale streams</th>
            </tr>
          </thead>
          <tbody>
            {health.data.items.map((h) => (
              <tr key={h.instance_id}>
                <td>
                  {h.instance_name} <span className="muted small">({h.connector_id})</span>
                </td>
                <td>
                  <HealthBadge state={h.state} />
                </td>
                <td>{ago(h.last_success_at)}</td>
                <td>{h.last_error ? `${h.last_error.code}: ${h.last_error.message}` : '—'}</td>
                <td>{h.stale_streams.length ? h.stale_streams.map((s) => `${s.stream} (since ${ago(s.stale_since)})`).join(', ') : 'none'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {health.data && health.data.items.length > 0 && (
        <>
          <div className="filters">
            <div className="field">
              <label htmlFor="health-instance">Metrics of</label>
              <select id="health-instance" value={instanceId} onChange={(e) => setSelected(e.target.value)}>
                {health.data.items.map((h) => (
                  <option key={h.instance_id} value={h.instance_id}>
                    {h.instance_name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="health-range">Over</label>
              <select id="health-range" value={days} onChange={(e) => setDays(Number(e.target.value))}>
                <option value={1}>the last 24 hours</option>
                <option value={7}>the last 7 days</option>
                <option value={30}>the last 30 days</option>
              </select>
            </div>
          </div>
          <ErrorBox error={series.error} />
          {series.data && points.length === 0 && <p className="muted">No activity in this period.</p>}
          {points.length > 0 && (
            <div className="charts">
              <figure>
                <figcaption>Uptime and error rate (%)</figcaption>
                <ResponsiveContainer width="100%" height={220}>
                  <LineChart data={points}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="at" />
                    <YAxis domain={[0, 100]} />
                    <Tooltip />
                    <Legend />
                    <Line type="monotone" dataKey="uptime" name="uptime %" stroke="#2e7d32" />
                    <Line type="monotone" dataKey="errors" name="error rate %" stroke="#c62828" />
                  </LineChart>
                </ResponsiveContainer>
              </figure>
              <figure>
                <figcaption>Response time (ms)</figcaption>
                <ResponsiveContainer width="100%" height={220}>
                  <LineChart data={points}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="at" />
                    <YAxis />
                    <Tooltip />
                    <Line type="monotone" dataKey="response" name="average response ms" stroke="#1565c0" />
                  </LineChart>
                </ResponsiveContainer>
              </figure>
              <figure>
                <figcaption>Data volume and throttling</figcaption>
                <ResponsiveContainer width="100%" height={220}>
                  <BarChart data={points}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="at" />
                    <YAxis />
                    <Tooltip />
                    <Legend />
                    <Bar dataKey="records" name="records" fill="#1f4e79" />
                    <Bar dataKey="throttled" name="throttling events" fill="#ef6c00" />
                  </BarChart>
                </ResponsiveContainer>
              </figure>
            </div>
          )}
        </>
      )}
    </section>
  );
}

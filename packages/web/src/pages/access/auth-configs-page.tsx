import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AuthConfig } from '../../api/types.ts';
import { useCanWrite, useMe } from '../../auth/me-context.tsx';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { ago, authMethodName, exact } from '../../components/format.ts';
import { useAction } from '../../components/use-action.ts';
import { useLoad } from '../../components/use-load.ts';
import { expiryState } from './expiry.ts';
import { NewCredential } from './new-credential.tsx';
import { ReplaceSecrets, secretKeys } from './replace-secrets.tsx';

const STATUS_TONE: Record<AuthConfig['status'], string> = { active: 'good', error: 'bad', pending_authorization: 'warn' };
const REFRESHABLE = new Set<AuthConfig['auth_type']>(['oauth2_client_credentials', 'oauth2_authorization_code', 'jwt_bearer', 'aws', 'azure_ad']);

/** A credential field as the API returns it: plain settings as they are, secrets as `{ set, masked }`. */
function maskedText(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && v !== null && 'set' in v) {
    const secret = v as { set: boolean; masked?: unknown };
    return secret.set ? `${typeof secret.masked === 'string' ? secret.masked : '••••'} (secret)` : 'not set';
  }
  return JSON.stringify(v);
}

function Usage({ id }: { id: string }) {
  const usage = useLoad(() => unwrap(api.GET('/api/integration/auth-configs/{id}/usage', { params: { path: { id }, query: { limit: 50 } } })), [id]);
  if (usage.error) return <ErrorBox error={usage.error} />;
  if (!usage.data) return <Loading what="usage" />;
  if (usage.data.items.length === 0) return <p className="muted small">Not used yet.</p>;
  return (
    <ul className="small">
      {usage.data.items.map((u, i) => (
        <li key={i}>
          {u.actor_label} ({u.actor_type}) · <code>{u.operation}</code> · {u.count}× · last {ago(u.last_used_at)}
        </li>
      ))}
    </ul>
  );
}

function AuthConfigCard({ c, canWrite, canAudit, onChange }: { c: AuthConfig; canWrite: boolean; canAudit: boolean; onChange: () => void }) {
  const act = useAction();
  const [usageOpen, setUsageOpen] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const expiry = expiryState(c.expiration);
  async function test() {
    setResult(null);
    await act.run(async () => {
      const r = await unwrap(api.POST('/api/integration/auth-configs/{id}/test', { params: { path: { id: c.id } }, body: {} }));
      setResult({ ok: r.ok, text: `${r.ok ? '✓' : '✗'} ${r.message}${r.code ? ` (${r.code})` : ''}${r.expires_at ? ` · token valid until ${exact(r.expires_at)}` : ''}` });
    });
  }
  async function refresh() {
    setResult(null);
    const ok = await act.run(async () => {
      const r = await unwrap(api.POST('/api/integration/auth-configs/{id}/refresh', { params: { path: { id: c.id } } }));
      setResult({ ok: r.status === 'active', text: `Refreshed: valid until ${exact(r.expires_at)} (${r.status})` });
    });
    if (ok) onChange();
  }
  async function authorize() {
    await act.run(async () => {
      const r = await unwrap(api.POST('/api/integration/auth-configs/{id}/authorize', { params: { path: { id: c.id } }, body: { return_to: '/access/credentials' } }));
      window.location.assign(r.authorization_url);
    });
  }
  return (
    <li className={`card auth-config tone-border-${STATUS_TONE[c.status]}`} aria-label={`Credential ${c.name}`}>
      <h2 className="h3">
        {c.name} <span className={`badge tone-${STATUS_TONE[c.status]}`}>{c.status.replace('_', ' ')}</span> {c.is_system_account && <span className="badge tone-neutral">system account</span>}
      </h2>
      <p className="small muted">
        {authMethodName(c.auth_type)} · version {c.credentials_version} · used {ago(c.last_used)} · created {ago(c.created_at)}
      </p>
      {c.status_reason && <p className="small tone-bad">{c.status_reason}</p>}
      <p className="small">
        Expiry: <span className={`tone-${expiry.tone}`}>{expiry.text}</span>
      </p>
      <dl className="provenance small">
        {Object.entries(c.credentials as Record<string, unknown>).map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt>{k}</dt>
            <dd>
              <code>{maskedText(v)}</code>
            </dd>
          </div>
        ))}
      </dl>
      {canWrite && (
        <div className="actions">
          <button type="button" disabled={act.busy} onClick={test}>
            Test <span className="visually-hidden">{c.name}</span>
          </button>
          {REFRESHABLE.has(c.auth_type) && c.status !== 'pending_authorization' && (
            <button type="button" disabled={act.busy} onClick={refresh}>
              Refresh token <span className="visually-hidden">of {c.name}</span>
            </button>
          )}
          {c.auth_type === 'oauth2_authorization_code' && (
            <button type="button" disabled={act.busy} onClick={authorize}>
              {c.status === 'pending_authorization' ? 'Authorize' : 'Authorize again'} <span className="visually-hidden">{c.name}</span>
            </button>
          )}
          {secretKeys(c.credentials as Record<string, unknown>).length > 0 && (
            <button type="button" disabled={act.busy || replacing} onClick={() => setReplacing(true)}>
              Replace secrets <span className="visually-hidden">of {c.name}</span>
            </button>
          )}
          <button type="button" className="danger" disabled={act.busy} onClick={() => window.confirm(`Delete the credential ${c.name}? Its data key is destroyed; integrations using it stop working.`) && act.run(() => unwrap(api.DELETE('/api/integration/auth-configs/{id}', { params: { path: { id: c.id } } }))).then((ok) => ok && onChange())}>
            Delete <span className="visually-hidden">{c.name}</span>
          </button>
        </div>
      )}
      {replacing && (
        <ReplaceSecrets
          config={c}
          onSaved={() => {
            setReplacing(false);
            onChange();
          }}
          onCancel={() => setReplacing(false)}
        />
      )}
      {result && (
        <p className={`test-result tone-${result.ok ? 'good' : 'bad'}`} role="status">
          {result.text}
        </p>
      )}
      <ErrorBox error={act.error} title="That did not work" />
      {canAudit && (
        <details onToggle={(e) => setUsageOpen(e.currentTarget.open)}>
          <summary className="small">Who used it</summary>
          {usageOpen && <Usage id={c.id} />}
        </details>
      )}
    </li>
  );
}

/** Authentication configurations: secrets masked by the API, expiry, test, refresh, authorize, usage. */
export default function AuthConfigsPage() {
  const canWrite = useCanWrite();
  const canAudit = useMe().me?.can.audit === true;
  const [adding, setAdding] = useState(false);
  const configs = useLoad(() => unwrap(api.GET('/api/integration/auth-configs', { params: { query: { limit: 200 } } })), []);
  return (
    <section>
      <div className="page-head">
        <h1>Credentials</h1>
        {canWrite && !adding && (
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            New credential
          </button>
        )}
      </div>
      <p className="hint">Secrets stay in the vault: the API returns them masked and nothing here can reveal them. An integration’s configuration wizard stores its own; a credential added here can be chosen by several integrations.</p>
      {adding && (
        <NewCredential
          onCreated={() => {
            setAdding(false);
            configs.reload();
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      <ErrorBox error={configs.error} />
      {!configs.data && !configs.error && <Loading what="credentials" />}
      {configs.data?.items.length === 0 && <p className="muted">No credentials stored yet.</p>}
      <ul className="plain">
        {configs.data?.items.map((c) => (
          <AuthConfigCard key={c.id} c={c} canWrite={canWrite} canAudit={canAudit} onChange={configs.reload} />
        ))}
      </ul>
    </section>
  );
}

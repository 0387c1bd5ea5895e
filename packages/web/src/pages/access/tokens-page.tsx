import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { ApiToken, CreatedToken } from '../../api/types.ts';
import { useIsAdmin, useMe } from '../../auth/me-context.tsx';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { ago, exact } from '../../components/format.ts';
import { useAction } from '../../components/use-action.ts';
import { useLoad } from '../../components/use-load.ts';
import { localToIso } from '../destinations/lag.ts';
import { expiryState } from './expiry.ts';
import { DataTable } from '../../components/data-table.tsx';

const ROLES: ApiToken['role'][] = ['viewer', 'auditor', 'editor', 'admin'];

function CreateToken({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiToken['role']>('viewer');
  const [expires, setExpires] = useState('');
  const create = useAction();
  return (
    <form
      className="card filters"
      aria-label="Create an API token"
      onSubmit={async (e) => {
        e.preventDefault();
        let created: CreatedToken | undefined;
        const expiresAt = localToIso(expires);
        const ok = await create.run(async () => {
          created = await unwrap(api.POST('/api/admin/tokens', { body: { name: name.trim(), role, ...(expiresAt ? { expires_at: expiresAt } : {}) } }));
        });
        if (ok && created) {
          setName('');
          onCreated(created);
        }
      }}
    >
      <div className="field grow">
        <label htmlFor="token-name">Token name</label>
        <input id="token-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} placeholder="SOAR integration" />
      </div>
      <div className="field">
        <label htmlFor="token-role">Role</label>
        <select id="token-role" value={role} onChange={(e) => setRole(e.target.value as ApiToken['role'])}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="token-expires">Expires (optional)</label>
        <input id="token-expires" type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} />
      </div>
      <button type="submit" className="primary" disabled={create.busy}>
        Create token
      </button>
      <ErrorBox error={create.error} title="The token was not created" />
    </form>
  );
}

/** API tokens of the organisation (admins): create one (shown once), revoke. */
export default function TokensPage() {
  const isAdmin = useIsAdmin();
  const { me } = useMe();
  const tokens = useLoad(async () => (isAdmin ? unwrap(api.GET('/api/admin/tokens', { params: { query: { limit: 200 } } })) : null), [isAdmin]);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const revoke = useAction();
  if (me && !isAdmin)
    return (
      <section>
        <h1>API tokens</h1>
        <p className="muted">Only admins manage API tokens. Ask one for a token, or sign in with your own.</p>
      </section>
    );
  return (
    <section>
      <h1>API tokens</h1>
      {isAdmin && (
        <CreateToken
          onCreated={(t) => {
            setCreated(t);
            tokens.reload();
          }}
        />
      )}
      {created && (
        <div className="notice created-token" role="status">
          <p>
            <strong>Copy the token “{created.name}” now:</strong> it is shown only this once.
          </p>
          <label htmlFor="created-token">New token</label> <input id="created-token" readOnly value={created.token} size={60} onFocus={(e) => e.target.select()} />{' '}
          <button type="button" onClick={() => navigator.clipboard?.writeText(created.token)}>
            Copy
          </button>{' '}
          <button type="button" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      )}
      <ErrorBox error={tokens.error} />
      <ErrorBox error={revoke.error} title="The token was not revoked" />
      {!tokens.data && !tokens.error && <Loading what="tokens" />}
      {tokens.data && (
        <DataTable className="tokens" caption="API tokens" columns={['Name', 'Role', 'Prefix', 'Expiry', 'Last used', 'Actions']}>
          {tokens.data.items.map((t) => {
            const expiry = expiryState(t.expires_at);
            return (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>
                  <span className="badge tone-neutral">{t.role}</span>
                </td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td className={`tone-${expiry.tone}`}>{expiry.text}</td>
                <td title={exact(t.last_used_at)}>{ago(t.last_used_at)}</td>
                <td>
                  {t.revoked_at ? (
                    <span className="badge tone-off">revoked {ago(t.revoked_at)}</span>
                  ) : (
                    <button type="button" className="danger" disabled={revoke.busy} onClick={() => window.confirm(`Revoke the token ${t.name}? Whatever uses it stops working at once.`) && revoke.run(() => unwrap(api.DELETE('/api/admin/tokens/{id}', { params: { path: { id: t.id } } }))).then((ok) => ok && tokens.reload())}>
                      Revoke <span className="visually-hidden">{t.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </section>
  );
}

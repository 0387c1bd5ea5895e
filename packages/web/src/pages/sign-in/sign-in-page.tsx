import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/problem.ts';
import { session } from '../../auth/session.ts';
import { DemoBanner, useDemoMode } from '../../components/demo-banner.tsx';

/**
 * Sign-in with an API token. The token is checked against GET /api/auth/me before it is kept (in
 * sessionStorage, for this tab only), so a mistyped token gets a clear answer here.
 */
export function SignInPage({ reason }: { reason?: string | undefined }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const demo = useDemoMode();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/api/auth/me', { headers: { authorization: `Bearer ${token.trim()}` } });
      if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => ({})));
      session.signIn(token.trim());
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? `${e.message}. Check the token, or create one with \`patchbay token create --role editor\`.` : (e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="sign-in">
      <DemoBanner />
      <h1>Sign in to Patchbay</h1>
      {reason && <p className="notice">{reason}</p>}
      <form onSubmit={submit}>
        <label htmlFor="token">API token</label>
        <input id="token" name="token" type="password" autoComplete="off" spellCheck={false} required value={token} onChange={(e) => setToken(e.target.value)} aria-describedby="token-help" />
        <p id="token-help" className="hint">
          {demo ? (
            <>
              The demo's first start printed an admin token and saved it to <code>initial-admin-token</code> in the demo's data folder (<code>data-demo/</code> unless <code>--data-dir</code> was given).
            </>
          ) : (
            <>
              The first start printed an admin token and saved it to <code>data/initial-admin-token</code>.
            </>
          )}{' '}
          It stays in this browser tab only.
        </p>
        {error && (
          <p className="error-box" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || token.trim() === ''}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

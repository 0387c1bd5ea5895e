import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AuthConfig } from '../../api/types.ts';
import { ErrorBox } from '../../components/error-box.tsx';
import { useAction } from '../../components/use-action.ts';

/** The credential fields the API returns masked (`{ set, masked }`): the ones a person replaces blind. */
export function secretKeys(credentials: Record<string, unknown>): string[] {
  return Object.entries(credentials)
    .filter(([, v]) => typeof v === 'object' && v !== null && 'set' in v)
    .map(([k]) => k);
}

/**
 * New values for a stored credential's secrets (a rotated API key, say): only the fields typed in are sent,
 * and the vault merges them into the credential and re-encrypts it; every integration using it gets them.
 */
export function ReplaceSecrets({ config, onSaved, onCancel }: { config: AuthConfig; onSaved: () => void; onCancel: () => void }) {
  const keys = secretKeys(config.credentials as Record<string, unknown>);
  const [values, setValues] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState(false);
  const save = useAction();
  const id = `replace-${config.id}`;
  return (
    <form
      className="filters"
      aria-label={`Replace the secrets of ${config.name}`}
      onSubmit={async (e) => {
        e.preventDefault();
        const credentials = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
        setMissing(Object.keys(credentials).length === 0);
        if (Object.keys(credentials).length === 0) return;
        if (await save.run(() => unwrap(api.PUT('/api/integration/auth-configs/{id}', { params: { path: { id: config.id } }, body: { credentials } })))) onSaved();
      }}
    >
      {keys.map((k) => (
        <div key={k} className="field">
          <label htmlFor={`${id}-${k}`}>New {k}</label>
          <input id={`${id}-${k}`} type="password" autoComplete="new-password" value={values[k] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.value }))} />
        </div>
      ))}
      <button type="submit" className="primary" disabled={save.busy}>
        Save secrets
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {missing && (
        <p className="field-error" role="alert">
          Type at least one new secret; the fields left empty keep their stored value.
        </p>
      )}
      <ErrorBox error={save.error} title="The secrets were not replaced" />
    </form>
  );
}

import { useMemo, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AuthType } from '../../api/types.ts';
import { useIsAdmin } from '../../auth/me-context.tsx';
import { ErrorBox } from '../../components/error-box.tsx';
import { useLoad } from '../../components/use-load.ts';
import { allInstances } from '../operations/instance-names.ts';
import { authMethodName } from '../../components/format.ts';
import { credentialPayload, credentialSchema, secretFields, type AuthMethodView } from '../../components/credential-schema.ts';
import { maskedUi, SchemaForm } from '../../components/schema-form.tsx';
import type { WizardData, WizardProgress } from './wizard-state.ts';

/**
 * Step 2: the connection settings and credentials, as one form generated from the connector's schemas.
 * Next stores the credentials in the vault (an auth config) and creates the instance, or updates both.
 */
export function StepCredentials({ data, progress, onBack, onNext }: { data: WizardData; progress: WizardProgress; onBack: () => void; onNext: (p: WizardProgress) => void }) {
  const isAdmin = useIsAdmin();
  const methods = data.schema.auth_methods as AuthMethodView[];
  const [authType, setAuthType] = useState(progress.authType || methods[0]?.type || '');
  const [allowPrivate, setAllowPrivate] = useState(progress.allowPrivateNetwork);
  const [values, setValues] = useState<Record<string, unknown>>({ configuration: progress.configuration, credentials: progress.credentials });
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const method = methods.find((m) => m.type === authType);
  // A credential already in the vault with this method (added on the Credentials screen, or another integration's) may be used instead of new fields.
  const stored = useLoad(() => unwrap(api.GET('/api/integration/auth-configs', { params: { query: { limit: 200 } } })), []);
  const [storedId, setStoredId] = useState('');
  const reusable = (stored.data?.items ?? []).filter((c) => c.auth_type === method?.type && c.id !== progress.authConfigId);
  const reuse = reusable.some((c) => c.id === storedId) ? storedId : '';
  // Other integrations on the same stored credential: new secrets typed here replace theirs too.
  const instances = useLoad(() => (progress.authConfigId ? allInstances() : Promise.resolve([])), [progress.authConfigId]);
  const sharing = (instances.data ?? []).filter((i) => i.auth_config_id === progress.authConfigId && i.id !== progress.instance?.id).length;

  const configuration = (values.configuration ?? {}) as Record<string, unknown>;
  const { schema, uiSchema } = useMemo(() => {
    const { $schema: _ignored, ...config } = data.schema.config_schema;
    const declared = method && !reuse ? credentialSchema(method, { token_url: configuration.token_url }) : undefined;
    // Reconfiguring with the same method: the stored credentials stay unless fields are filled in.
    const keep = Boolean(progress.authConfigId && progress.authType === method?.type);
    const shared = sharing > 0 ? ` It is shared: what you type replaces it for ${sharing} other integration${sharing === 1 ? '' : 's'} too.` : '';
    const credentials = declared && keep ? { ...declared, required: [], description: `Stored in the vault. Fill in only what you want to replace.${shared}` } : declared;
    return {
      schema: {
        type: 'object',
        properties: {
          configuration: { ...config, title: 'Connection settings' },
          ...(credentials ? { credentials: { description: method!.description ?? undefined, ...credentials, title: `Credentials: ${method!.title ?? authMethodName(method!.type)}` } } : {}),
        },
      },
      uiSchema: credentials ? { credentials: maskedUi(secretFields(credentials)) } : {},
    };
  }, [data.schema.config_schema, method, reuse, sharing, configuration.token_url, progress.authConfigId, progress.authType]);

  async function save(form: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    try {
      const config = (form.configuration ?? {}) as Record<string, unknown>;
      const creds = (form.credentials ?? {}) as Record<string, unknown>;
      let authConfigId = reuse || progress.authConfigId;
      const secrets = method ? secretFields(credentialSchema(method)) : [];
      const replacing = !authConfigId || authType !== progress.authType || secrets.some((f) => creds[f] !== undefined && creds[f] !== '');
      if (method && !reuse && replacing) {
        const credentials = credentialPayload(method, creds);
        const body = { name: `${progress.name} credentials`, auth_type: method.type as AuthType, credentials };
        authConfigId = authConfigId
          ? (await unwrap(api.PUT('/api/integration/auth-configs/{id}', { params: { path: { id: authConfigId } }, body }))).id
          : (await unwrap(api.POST('/api/integration/auth-configs', { body }))).id;
      }
      const instanceBody = { name: progress.name, configuration: config, auth_config_id: authConfigId ?? null, ...(isAdmin ? { allow_private_network: allowPrivate } : {}) };
      const instance = progress.instance
        ? await unwrap(api.PUT('/api/integration/instances/{id}', { params: { path: { id: progress.instance.id } }, body: instanceBody }))
        : await unwrap(api.POST('/api/integration/instances', { body: { ...instanceBody, connector_id: data.connector.id } }));
      onNext({ ...progress, configuration: config, credentials: {}, authType, allowPrivateNetwork: allowPrivate, instance, ...(authConfigId ? { authConfigId } : {}) });
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="step-title">
      <h2 id="step-title">2. Credentials</h2>
      {methods.length > 1 && (
        <fieldset className="auth-methods">
          <legend>How {data.connector.name} authenticates</legend>
          {methods.map((m) => (
            <label key={m.type} className="radio">
              <input type="radio" name="auth-method" value={m.type} checked={authType === m.type} onChange={() => {
                  setAuthType(m.type);
                  // Another method has other fields: start its credentials afresh.
                  setValues((v) => ({ ...v, credentials: {} }));
                }}
              />
              {m.title ?? authMethodName(m.type)}
            </label>
          ))}
        </fieldset>
      )}
      <aside className="help card" aria-label="Where to find the credentials">
        <strong>Where do I find these?</strong>
        <p className="small">
          {method?.description ?? 'The vendor’s API settings page.'} Secrets go to Patchbay&apos;s encrypted vault and are never shown again: later screens show only their last characters.
          {data.connector.documentation_url && (
            <>
              {' '}
              <a href={data.connector.documentation_url} target="_blank" rel="noreferrer noopener">
                The connector&apos;s documentation ↗
              </a>{' '}
              lists the exact permissions.
            </>
          )}
        </p>
      </aside>
      {reusable.length > 0 && (
        <div className="field">
          <label htmlFor="wizard-stored-credential">Credential</label>
          <select id="wizard-stored-credential" value={reuse} onChange={(e) => setStoredId(e.target.value)}>
            <option value="">Enter new credentials below</option>
            {reusable.map((c) => (
              <option key={c.id} value={c.id}>
                Use stored: {c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <SchemaForm id="wizard" schema={schema} uiSchema={uiSchema} values={values} onChange={setValues} onSubmit={save}>
        {isAdmin && (
          <details className="advanced">
            <summary>Advanced options (admins)</summary>
            <label className="checkbox">
              <input type="checkbox" checked={allowPrivate} onChange={(e) => setAllowPrivate(e.target.checked)} aria-describedby="private-help" />
              Allow private network addresses (<code>allow_private_network</code>)
            </label>
            <p id="private-help" className="hint">
              For on-premise and local endpoints (127.0.0.1, 10.0.0.0/8, 192.168.0.0/16…). Off, the hub refuses them to protect your internal network.
            </p>
          </details>
        )}
        <ErrorBox error={error} title="The settings were not saved" />
        <div className="actions">
          <button type="button" onClick={onBack}>
            ← Back
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Next: data mapping →'}
          </button>
        </div>
      </SchemaForm>
    </section>
  );
}

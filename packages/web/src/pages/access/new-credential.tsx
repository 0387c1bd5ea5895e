import { useMemo, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AuthType } from '../../api/types.ts';
import { credentialPayload, credentialSchema, secretFields, type AuthMethodView } from '../../components/credential-schema.ts';
import { ErrorBox } from '../../components/error-box.tsx';
import { authMethodName } from '../../components/format.ts';
import { maskedUi, SchemaForm } from '../../components/schema-form.tsx';
import { useAction } from '../../components/use-action.ts';
import { useLoad } from '../../components/use-load.ts';

/**
 * A credential stored in the vault outside an integration's wizard (one OAuth client for several instances,
 * say): the fields are those of the chosen connector's auth method, secrets masked, as in the wizard.
 */
export function NewCredential({ onCreated, onCancel }: { onCreated: () => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [connectorId, setConnectorId] = useState('');
  const [authType, setAuthType] = useState('');
  const [values, setValues] = useState<Record<string, unknown>>({});
  const create = useAction();
  const connectors = useLoad(() => unwrap(api.GET('/api/integration/connectors', { params: { query: { limit: 200 } } })), []);
  const schema = useLoad(() => (connectorId ? unwrap(api.GET('/api/integration/connectors/{id}/schema', { params: { path: { id: connectorId } } })) : Promise.resolve(null)), [connectorId]);
  const methods = (schema.data?.auth_methods ?? []) as AuthMethodView[];
  const method = methods.find((m) => m.type === authType) ?? methods[0];
  const form = useMemo(() => {
    if (!method) return null;
    const credentials = credentialSchema(method);
    return { schema: { ...credentials, title: `Credentials: ${method.title ?? authMethodName(method.type)}`, description: method.description ?? undefined }, uiSchema: maskedUi(secretFields(credentials)) };
  }, [method]);

  async function save(credentials: Record<string, unknown>) {
    if (!method) return;
    const body = { name: name.trim() || `${connectorId} credentials`, auth_type: method.type as AuthType, credentials: credentialPayload(method, credentials) };
    if (await create.run(() => unwrap(api.POST('/api/integration/auth-configs', { body })))) onCreated();
  }

  return (
    <div className="card new-credential" role="region" aria-label="New credential">
      <h2>New credential</h2>
      <div className="filters">
        <div className="field grow">
          <label htmlFor="credential-name">Name</label>
          <input id="credential-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} placeholder="Okta production API token" />
        </div>
        <div className="field">
          <label htmlFor="credential-connector">For connector</label>
          <select
            id="credential-connector"
            value={connectorId}
            onChange={(e) => {
              setConnectorId(e.target.value);
              setAuthType('');
              setValues({});
            }}
          >
            <option value="">Choose…</option>
            {(connectors.data?.items ?? [])
              .filter((c) => c.auth_methods.length > 0)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </select>
        </div>
        {methods.length > 1 && (
          <div className="field">
            <label htmlFor="credential-method">Method</label>
            <select
              id="credential-method"
              value={method?.type ?? ''}
              onChange={(e) => {
                setAuthType(e.target.value);
                setValues({});
              }}
            >
              {methods.map((m) => (
                <option key={m.type} value={m.type}>
                  {m.title ?? authMethodName(m.type)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <ErrorBox error={connectors.error ?? schema.error} />
      {connectorId && schema.data && !method && <p className="muted">This connector needs no credentials.</p>}
      {form && (
        <SchemaForm key={`${connectorId}/${method!.type}`} id="credential" schema={form.schema} uiSchema={form.uiSchema} values={values} onChange={setValues} onSubmit={save}>
          <ErrorBox error={create.error} title="The credential was not stored" />
          <div className="actions">
            <button type="submit" className="primary" disabled={create.busy}>
              Store credential
            </button>
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </SchemaForm>
      )}
      {!form && (
        <div className="actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}

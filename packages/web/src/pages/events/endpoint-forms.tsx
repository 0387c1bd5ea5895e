import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { WebhookEndpoint } from '../../api/types.ts';
import { ErrorBox } from '../../components/error-box.tsx';
import { useAction } from '../../components/use-action.ts';

/** A signing secret the API shows this once: to copy into the receiver now. */
export function SecretOnce({ what, secret, onDone }: { what: string; secret: string; onDone: () => void }) {
  return (
    <div className="notice created-token" role="status">
      <p>
        <strong>Copy the signing secret of {what} now:</strong> it is shown only this once.
      </p>
      <label htmlFor="endpoint-secret">Signing secret</label> <input id="endpoint-secret" readOnly value={secret} size={50} onFocus={(e) => e.target.select()} />{' '}
      <button type="button" onClick={() => navigator.clipboard?.writeText(secret)}>
        Copy
      </button>{' '}
      <button type="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}

/** What an endpoint form edits. */
interface EndpointDraft {
  readonly url: string;
  readonly description: string;
  readonly allowPrivate: boolean;
}

/** An endpoint's URL and description, and for admins whether it may reach private addresses. */
function EndpointFields({ id, draft, isAdmin, onChange }: { id: string; draft: EndpointDraft; isAdmin: boolean; onChange: (patch: Partial<EndpointDraft>) => void }) {
  return (
    <>
      <div className="field grow">
        <label htmlFor={`${id}-url`}>Endpoint URL</label>
        <input id={`${id}-url`} type="url" value={draft.url} onChange={(e) => onChange({ url: e.target.value })} required placeholder="https://soar.example.com/hooks/patchbay" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <input id={`${id}-description`} value={draft.description} onChange={(e) => onChange({ description: e.target.value })} maxLength={500} />
      </div>
      {isAdmin && (
        <label className="checkbox">
          <input type="checkbox" checked={draft.allowPrivate} onChange={(e) => onChange({ allowPrivate: e.target.checked })} /> Allow private network addresses
        </label>
      )}
    </>
  );
}

/** A new outgoing webhook endpoint (editors and admins; private addresses for admins only). */
export function NewEndpoint({ isAdmin, onCreated }: { isAdmin: boolean; onCreated: (url: string, secret: string) => void }) {
  const [draft, setDraft] = useState<EndpointDraft>({ url: '', description: '', allowPrivate: false });
  const create = useAction();
  return (
    <form
      className="card filters"
      aria-label="New webhook endpoint"
      onSubmit={async (e) => {
        e.preventDefault();
        const url = draft.url.trim();
        let secret = '';
        const ok = await create.run(async () => {
          secret = (await unwrap(api.POST('/api/integration/webhooks', { body: { url, ...(draft.description.trim() ? { description: draft.description.trim() } : {}), ...(isAdmin && draft.allowPrivate ? { allow_private_network: true } : {}) } }))).secret;
        });
        if (ok) {
          onCreated(url, secret);
          setDraft((d) => ({ ...d, url: '', description: '' }));
        }
      }}
    >
      <EndpointFields id="endpoint" draft={draft} isAdmin={isAdmin} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} />
      <button type="submit" className="primary" disabled={create.busy}>
        Add endpoint
      </button>
      <ErrorBox error={create.error} title="The endpoint was not added" />
    </form>
  );
}

/** Rotating an endpoint's signing secret (admins): both signatures are sent during the overlap. */
export function RotateSecret({ endpoint, onRotated }: { endpoint: WebhookEndpoint; onRotated: (secret: string) => void }) {
  const rotate = useAction();
  return (
    <>
      <button
        type="button"
        disabled={rotate.busy}
        onClick={async () => {
          let secret = '';
          const ok = await rotate.run(async () => {
            secret = (await unwrap(api.POST('/api/integration/webhooks/{id}/secret/rotate', { params: { path: { id: endpoint.id } }, body: {} }))).secret;
          });
          if (ok) onRotated(secret);
        }}
      >
        Rotate secret <span className="visually-hidden">of {endpoint.url}</span>
      </button>
      <ErrorBox error={rotate.error} title="The secret was not rotated" />
    </>
  );
}

/** Changing an endpoint's URL and description (and, for admins, whether it may reach private addresses). */
export function EditEndpoint({ endpoint, isAdmin, onSaved, onCancel }: { endpoint: WebhookEndpoint; isAdmin: boolean; onSaved: () => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<EndpointDraft>({ url: endpoint.url, description: endpoint.description ?? '', allowPrivate: endpoint.allow_private_network });
  const save = useAction();
  return (
    <form
      className="filters"
      aria-label={`Edit webhook endpoint ${endpoint.url}`}
      onSubmit={async (e) => {
        e.preventDefault();
        const body = { url: draft.url.trim(), description: draft.description.trim(), ...(isAdmin ? { allow_private_network: draft.allowPrivate } : {}) };
        if (await save.run(() => unwrap(api.PUT('/api/integration/webhooks/{id}', { params: { path: { id: endpoint.id } }, body })))) onSaved();
      }}
    >
      <EndpointFields id={`edit-endpoint-${endpoint.id}`} draft={draft} isAdmin={isAdmin} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} />
      <button type="submit" className="primary" disabled={save.busy}>
        Save endpoint
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <ErrorBox error={save.error} title="The endpoint was not saved" />
    </form>
  );
}

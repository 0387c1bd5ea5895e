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

/** A new outgoing webhook endpoint (editors and admins; private addresses for admins only). */
export function NewEndpoint({ isAdmin, onCreated }: { isAdmin: boolean; onCreated: (url: string, secret: string) => void }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [allowPrivate, setAllowPrivate] = useState(false);
  const create = useAction();
  return (
    <form
      className="card filters"
      aria-label="New webhook endpoint"
      onSubmit={async (e) => {
        e.preventDefault();
        let secret = '';
        const ok = await create.run(async () => {
          secret = (await unwrap(api.POST('/api/integration/webhooks', { body: { url: url.trim(), ...(description.trim() ? { description: description.trim() } : {}), ...(isAdmin && allowPrivate ? { allow_private_network: true } : {}) } }))).secret;
        });
        if (ok) {
          onCreated(url.trim(), secret);
          setUrl('');
          setDescription('');
        }
      }}
    >
      <div className="field grow">
        <label htmlFor="endpoint-url">Endpoint URL</label>
        <input id="endpoint-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} required placeholder="https://soar.example.com/hooks/patchbay" />
      </div>
      <div className="field">
        <label htmlFor="endpoint-description">Description</label>
        <input id="endpoint-description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
      </div>
      {isAdmin && (
        <label className="checkbox">
          <input type="checkbox" checked={allowPrivate} onChange={(e) => setAllowPrivate(e.target.checked)} /> Allow private network addresses
        </label>
      )}
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

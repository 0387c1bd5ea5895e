import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { useCanWrite } from '../../auth/me-context.tsx';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { authMethodName, categoryName, count } from '../../components/format.ts';
import { ConnectorIcon } from '../../components/connector-icon.tsx';
import { Stars } from '../../components/stars.tsx';
import { useLoad } from '../../components/use-load.ts';
import { ReviewsSection } from './reviews-section.tsx';

interface PropertySchema {
  readonly description?: string;
  readonly title?: string;
}

/** `/integrations/:key`: what the integration is, what you get, what it needs, its versions and reviews. */
export default function ConnectorPage() {
  const { key = '' } = useParams();
  const canWrite = useCanWrite();
  const detail = useLoad(async () => {
    const path = { params: { path: { id: key } } };
    const [connector, capabilities, schema, changelog] = await Promise.all([
      unwrap(api.GET('/api/integration/connectors/{id}', path)),
      unwrap(api.GET('/api/integration/connectors/{id}/capabilities', path)),
      unwrap(api.GET('/api/integration/connectors/{id}/schema', path)),
      unwrap(api.GET('/api/integration/connectors/{id}/changelog', path)),
    ]);
    return { connector, capabilities, schema, changelog };
  }, [key]);

  if (detail.error) return <ErrorBox error={detail.error} title={`Integration ${key} could not be loaded`} />;
  if (!detail.data) return <Loading what="the integration" />;
  const { connector: c, capabilities: caps, schema, changelog } = detail.data;
  const properties = (schema.config_schema.properties ?? {}) as Record<string, PropertySchema>;
  const required = (schema.config_schema.required ?? []) as string[];

  return (
    <article className="connector-detail">
      <p>
        <Link to="/integrations">← Back to the catalogue</Link>
      </p>
      <header className="detail-head">
        <ConnectorIcon icon={c.icon} name={c.name} big />
        <div>
          <h1>{c.name}</h1>
          <p className="muted">
            {c.vendor} · {categoryName(c.category)} · version {c.version} · by {c.author}
          </p>
          <p className="meta">
            <Stars rating={c.rating} count={c.review_count} /> <span>
              {count(c.install_count)} install{c.install_count === 1 ? '' : 's'}
            </span>{' '}
            {c.installed && (
              <Link to={`/integrations/installed?connector=${c.id}`} className="badge tone-good">
                ✓ Installed
              </Link>
            )}
          </p>
          <div className="actions">
            {canWrite && (
              <Link className="button primary" to={`/integrations/${c.id}/configure`}>
                Configure &amp; install
              </Link>
            )}
            {c.documentation_url && (
              <a className="button" href={c.documentation_url} target="_blank" rel="noreferrer noopener">
                Documentation ↗
              </a>
            )}
          </div>
        </div>
      </header>

      <section aria-labelledby="overview">
        <h2 id="overview">Overview</h2>
        <p>{c.description}</p>
      </section>
      {c.key_features.length > 0 && (
        <section aria-labelledby="features">
          <h2 id="features">Key features</h2>
          <ul className="checks">
            {c.key_features.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="you-get">
        <h2 id="you-get">What you get in Patchbay</h2>
        <ul>
          {caps.streams.map((s) => (
            <li key={s.name}>
              <strong>{s.title ?? s.name}</strong>: records normalised to OCSF {s.ocsf_class ?? 'events'}
              {s.full_refresh ? ', full refresh with deletion detection' : ', incremental'}
              {s.schedule_minutes ? `, every ${s.schedule_minutes} min by default` : ''}
            </li>
          ))}
          {caps.actions.map((a) => (
            <li key={a.name}>
              <strong>{a.title}</strong> action ({a.impact} impact{a.impact === 'high' ? ', needs approval' : ''}
              {a.reverse ? `, reversible by ${a.reverse}` : ''}
              {a.dry_run ? ', dry run' : ''})
            </li>
          ))}
          {caps.webhook && <li>Inbound webhooks ({caps.webhook.verification}) for {caps.webhook.events.join(', ') || 'its events'}</li>}
          {caps.destination && <li>Forwards events in {caps.destination.formats.join(', ')}</li>}
          <li>Health, logs, metrics and provenance of every record</li>
        </ul>
      </section>
      <section aria-labelledby="requirements">
        <h2 id="requirements">Configuration requirements</h2>
        <h3>Credentials (one of)</h3>
        <ul>
          {schema.auth_methods.map((m) => (
            <li key={m.type}>
              <strong>{m.title ?? authMethodName(m.type)}</strong>
              {m.description ? `: ${m.description}` : ''}
            </li>
          ))}
          {schema.auth_methods.length === 0 && <li>None</li>}
        </ul>
        {required.length > 0 && (
          <>
            <h3>Settings you must give</h3>
            <dl>
              {required.map((name) => (
                <div key={name}>
                  <dt>
                    <code>{name}</code>
                  </dt>
                  <dd>{properties[name]?.description ?? properties[name]?.title ?? ''}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
        <h3>Vendor permissions</h3>
        {caps.permissions.length === 0 ? (
          <p className="muted">No vendor permissions are declared beyond read access to the endpoint you configure.</p>
        ) : (
          <table>
            <caption className="visually-hidden">Vendor permissions and what uses them</caption>
            <thead>
              <tr>
                <th scope="col">Permission</th>
                <th scope="col">Used by</th>
              </tr>
            </thead>
            <tbody>
              {caps.permissions.map((p) => (
                <tr key={p.permission}>
                  <td>
                    <code>{p.permission}</code>
                  </td>
                  <td>{p.used_by.map((u) => `${u.name} (${u.kind})`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="changelog">
        <h2 id="changelog">Version and changelog</h2>
        <p>
          Installed instances pin the version they were created with; this catalogue offers <strong>{changelog.version}</strong>.
        </p>
        {changelog.entries.length === 0 ? (
          <p className="muted">No changelog is published for this connector.</p>
        ) : (
          changelog.entries.map((e) => (
            <div key={e.version}>
              <h3>
                {e.version}
                {e.date ? ` (${e.date})` : ''}
              </h3>
              <ul>
                {e.changes.map((change) => (
                  <li key={change}>{change}</li>
                ))}
              </ul>
            </div>
          ))
        )}
      </section>
      <ReviewsSection connectorId={c.id} onChange={detail.reload} />
    </article>
  );
}

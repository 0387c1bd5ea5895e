import { Link } from 'react-router';
import type { Connector } from '../../api/types.ts';
import { categoryName, count } from '../../components/format.ts';
import { ConnectorIcon } from '../../components/connector-icon.tsx';
import { Stars } from '../../components/stars.tsx';

/** One connector in the catalogue: what it is, how it is rated, how often it is installed, whether you have it. */
export function ConnectorCard({ connector }: { connector: Connector }) {
  return (
    <article className="card connector-card" aria-labelledby={`card-${connector.id}`}>
      <div className="card-head">
        <ConnectorIcon icon={connector.icon} name={connector.name} />
        <div>
          <h3 id={`card-${connector.id}`}>
            <Link to={`/integrations/${connector.id}`}>{connector.name}</Link>
          </h3>
          <p className="muted small">
            {connector.vendor} · {categoryName(connector.category)}
          </p>
        </div>
      </div>
      <p className="description">{connector.description}</p>
      <p className="meta">
        <Stars rating={connector.rating} count={connector.review_count} />
        <span title="Instances in your organisation">
          {count(connector.install_count)} install{connector.install_count === 1 ? '' : 's'}
        </span>
        {connector.installed ? <span className="badge tone-good">✓ Installed</span> : <span className="badge tone-neutral">Not installed</span>}
        {!connector.is_built_in && <span className="badge tone-neutral">Registered program</span>}
      </p>
    </article>
  );
}

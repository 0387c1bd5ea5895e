import { useState } from 'react';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { useLoad } from '../../components/use-load.ts';
import type { OcsfAttribute, OcsfClassDetail } from './mapping-types.ts';
import { ocsfObject } from './ocsf-cache.ts';

/** Where the explorer is: the class, or an object reached through attributes (`resources.0` → resource_details). */
interface Level {
  readonly path: string;
  readonly object: string;
}

const tone = { required: 'tone-bad', recommended: 'tone-warn', optional: 'tone-neutral' } as const;

function matches(a: OcsfAttribute, q: string): boolean {
  return !q || a.name.includes(q) || a.caption.toLowerCase().includes(q) || a.description.toLowerCase().includes(q);
}

function AttributeItem({ attribute, path, canWrite, onOpen, onAdd }: { attribute: OcsfAttribute; path: string; canWrite: boolean; onOpen: () => void; onAdd: () => void }) {
  const opens = attribute.type === 'object_t' && attribute.object_type && attribute.object_type !== 'object';
  return (
    <li className="attribute">
      <div className="attribute-head">
        {opens ? (
          <button type="button" className="link mono" onClick={onOpen} aria-label={`Open ${path} (object ${attribute.object_type})`}>
            {attribute.name}
          </button>
        ) : (
          <code>{attribute.name}</code>
        )}
        <span className="muted small">
          {attribute.object_type ?? attribute.type}
          {attribute.is_array ? '[]' : ''}
        </span>
        <span className={`badge ${tone[attribute.requirement]}`}>{attribute.requirement}</span>
        {attribute.profile && <span className="badge tone-neutral">profile {attribute.profile}</span>}
        {attribute.deprecated && <span className="badge tone-warn" title={attribute.deprecated}>deprecated</span>}
        {canWrite && (
          <button type="button" className="add-target" onClick={onAdd} aria-label={`Add ${path} as a target`}>
            + target
          </button>
        )}
      </div>
      <p className="small">
        <strong>{attribute.caption}</strong>. {attribute.description}
      </p>
      {attribute.enum && (
        <details className="small">
          <summary>{attribute.enum.length} values</summary>
          <ul className="plain">
            {attribute.enum.map((v) => (
              <li key={String(v.value)}>
                <code>{JSON.stringify(v.value)}</code> {v.caption}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

/**
 * The stream's OCSF class as a browsable tree: its attributes with type, requirement and description,
 * objects opened in place (a breadcrumb leads back), a search over the current level, and a button that
 * adds an attribute as a mapping target.
 */
export function SchemaExplorer({ cls, canWrite, onAdd }: { cls: OcsfClassDetail; canWrite: boolean; onAdd: (path: string) => void }) {
  const [levels, setLevels] = useState<Level[]>([]);
  const [query, setQuery] = useState('');
  const level = levels.at(-1);
  const object = useLoad(() => (level ? ocsfObject(level.object) : Promise.resolve(undefined)), [level?.object]);
  const attributes = level ? object.data?.attributes : cls.attributes;
  const q = query.trim().toLowerCase();
  const shown = (attributes ?? []).filter((a) => matches(a, q));
  const pathOf = (a: OcsfAttribute) => (level ? `${level.path}.${a.name}` : a.name);
  const open = (a: OcsfAttribute) => {
    const path = pathOf(a);
    setLevels([...levels, { path: a.is_array ? `${path}.0` : path, object: a.object_type! }]);
    setQuery('');
  };

  return (
    <section className="card schema-explorer" aria-labelledby="schema-title">
      <h2 id="schema-title">OCSF schema</h2>
      <nav aria-label="Schema path" className="small breadcrumb">
        <button type="button" className="link" onClick={() => setLevels([])} aria-current={levels.length === 0 ? 'location' : undefined}>
          {cls.caption} ({cls.class.uid})
        </button>
        {levels.map((l, i) => (
          <span key={l.path}>
            {' › '}
            <button type="button" className="link" onClick={() => setLevels(levels.slice(0, i + 1))} aria-current={i === levels.length - 1 ? 'location' : undefined}>
              {l.path.split('.').at(-1) === '0' ? `${l.path.split('.').at(-2)}[]` : l.path.split('.').at(-1)}
            </button>
          </span>
        ))}
      </nav>
      <p className="small muted">{level ? object.data?.description : cls.description}</p>
      <div className="field">
        <label htmlFor="schema-search">Search attributes</label>
        <input id="schema-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="severity, host, uid…" />
      </div>
      {level && object.loading && !object.data && <Loading what={`the ${level.object} object`} />}
      <ErrorBox error={level ? object.error : undefined} title="The object did not load" />
      <p className="small muted" aria-live="polite">
        {shown.length} of {attributes?.length ?? 0} attributes{level ? ` of ${level.object} (${level.path})` : ''}
      </p>
      <ul className="plain attributes">
        {shown.map((a) => (
          <AttributeItem key={a.name} attribute={a} path={pathOf(a)} canWrite={canWrite} onOpen={() => open(a)} onAdd={() => onAdd(pathOf(a))} />
        ))}
      </ul>
    </section>
  );
}

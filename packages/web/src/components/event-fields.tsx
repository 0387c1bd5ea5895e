import type { EventType, Instance } from '../api/types.ts';
import { InstanceOptions } from './instance-options.tsx';

/** The event type a subscription or destination listens to: a type, a prefix such as `record.*`, or `*`, with the catalogue as suggestions. */
export function EventTypeField({ id, value, types, onChange }: { id: string; value: string; types: readonly EventType[]; onChange: (value: string) => void }) {
  const prefixes = [...new Set(types.map((t) => t.type.split('.')[0]))].map((p) => `${p}.*`);
  const selected = types.find((t) => t.type === value);
  return (
    <div className="field">
      <label htmlFor={id}>Event type</label>
      <input id={id} list={`${id}-types`} value={value} onChange={(e) => onChange(e.target.value)} required aria-describedby={`${id}-hint`} />
      <datalist id={`${id}-types`}>
        <option value="*">every event</option>
        {prefixes.map((p) => (
          <option key={p} value={p} />
        ))}
        {types.map((t) => (
          <option key={t.type} value={t.type}>
            {t.description}
          </option>
        ))}
      </datalist>
      <p className="hint" id={`${id}-hint`}>
        {selected ? selected.description : 'A type, a prefix such as record.* or * for every event.'}
      </p>
    </div>
  );
}

/** Which integration's events (a subscription's or destination's source), or any. */
export function EventSourceField({ id, value, instances, onChange }: { id: string; value: string; instances: readonly Instance[]; onChange: (value: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>Events from</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any integration</option>
        <InstanceOptions instances={instances} />
      </select>
    </div>
  );
}

import type { Instance } from '../../api/types.ts';

/** A labelled instance filter ("All integrations" or one). */
export function InstanceSelect({ id, instances, value, onChange }: { id: string; instances: readonly Instance[]; value: string; onChange: (id: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>Integration</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All integrations</option>
        {instances.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name} ({i.connector_id})
          </option>
        ))}
      </select>
    </div>
  );
}

import type { Instance } from '../../api/types.ts';
import { InstanceOptions } from '../../components/instance-options.tsx';

/** A labelled instance filter ("All integrations" or one). */
export function InstanceSelect({ id, instances, value, onChange }: { id: string; instances: readonly Instance[]; value: string; onChange: (id: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>Integration</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All integrations</option>
        <InstanceOptions instances={instances} />
      </select>
    </div>
  );
}

import type { Instance } from '../api/types.ts';

/** One `<option>` per integration instance: its name and connector. */
export function InstanceOptions({ instances }: { instances: readonly Instance[] }) {
  return (
    <>
      {instances.map((i) => (
        <option key={i.id} value={i.id}>
          {i.name} ({i.connector_id})
        </option>
      ))}
    </>
  );
}

/** A labelled filter select over fixed values, with an "Any" choice first (the empty value). */
export function SelectField<V extends string>({ id, label, value, options, onChange, format = (v) => v.replace('_', ' ') }: { id: string; label: string; value: V | ''; options: readonly V[]; onChange: (value: V | '') => void; format?: (value: V) => string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as V | '')}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {format(o)}
          </option>
        ))}
      </select>
    </div>
  );
}

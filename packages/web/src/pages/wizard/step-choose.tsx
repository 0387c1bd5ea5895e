import { useState, type FormEvent } from 'react';
import { categoryName } from '../../components/format.ts';
import type { WizardData } from './wizard-state.ts';

export function StepChoose({ data, name, onNext }: { data: WizardData; name: string; onNext: (name: string) => void }) {
  const [value, setValue] = useState(name);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim()) onNext(value.trim());
  };
  const c = data.connector;
  return (
    <form onSubmit={submit} aria-labelledby="step-title">
      <h2 id="step-title">1. Choose</h2>
      <p>
        <strong>{c.name}</strong> by {c.vendor} ({categoryName(c.category)}), version {c.version}. {c.description}
      </p>
      <div className="field">
        <label htmlFor="instance-name">Name of this integration</label>
        <input id="instance-name" required maxLength={200} value={value} onChange={(e) => setValue(e.target.value)} aria-describedby="instance-name-help" />
        <p id="instance-name-help" className="hint">
          Unique in your organisation; it names the integration in lists, logs and records&apos; provenance.
        </p>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          Next: credentials →
        </button>
      </div>
    </form>
  );
}

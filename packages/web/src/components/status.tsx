import type { Health, InstanceStatus } from '../api/types.ts';

const INSTANCE: Record<InstanceStatus, { tone: string; label: string }> = {
  active: { tone: 'good', label: 'Active' },
  configuring: { tone: 'neutral', label: 'Configuring' },
  inactive: { tone: 'off', label: 'Inactive' },
  error: { tone: 'bad', label: 'Error' },
};
const HEALTH: Record<Health['state'], { tone: string; label: string }> = {
  healthy: { tone: 'good', label: 'Healthy' },
  degraded: { tone: 'warn', label: 'Degraded' },
  unhealthy: { tone: 'bad', label: 'Unhealthy' },
  unknown: { tone: 'neutral', label: 'Not checked yet' },
};

/** The colour of an integration at a glance: its status, and when active, its health. */
export function statusTone(status: InstanceStatus, health?: Health['state']): string {
  if (status === 'active' && health) return HEALTH[health].tone;
  return INSTANCE[status].tone;
}

export function StatusBadge({ status }: { status: InstanceStatus }) {
  const s = INSTANCE[status];
  return <span className={`badge tone-${s.tone}`}>{s.label}</span>;
}

export function HealthBadge({ state }: { state: Health['state'] }) {
  const h = HEALTH[state];
  return <span className={`badge tone-${h.tone}`}>{h.label}</span>;
}

/** A coloured dot with its meaning for screen readers. */
export function Dot({ tone, label }: { tone: string; label: string }) {
  return <span className={`dot tone-${tone}`} role="img" aria-label={label} />;
}

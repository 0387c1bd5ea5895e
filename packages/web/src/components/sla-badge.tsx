import type { SlaState, TicketStatus } from '../api/types.ts';
import { ago, exact } from './format.ts';

const SLA: Record<SlaState, { tone: string; label: string }> = {
  none: { tone: 'neutral', label: 'No SLA' },
  running: { tone: 'good', label: 'Within SLA' },
  near_breach: { tone: 'warn', label: 'Near breach' },
  breached: { tone: 'bad', label: 'Breached' },
  met: { tone: 'good', label: 'SLA met' },
  missed: { tone: 'bad', label: 'SLA missed' },
};
export const SLA_STATES = Object.keys(SLA) as SlaState[];
export const slaLabel = (state: SlaState) => SLA[state].label;

const STATUS: Record<TicketStatus, string> = { pending: 'neutral', open: 'warn', in_progress: 'warn', on_hold: 'off', resolved: 'good', closed: 'good', failed: 'bad' };
export const TICKET_STATUSES = Object.keys(STATUS) as TicketStatus[];

export function SlaBadge({ state }: { state: SlaState }) {
  return <span className={`badge tone-${SLA[state].tone}`}>{SLA[state].label}</span>;
}

export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  return <span className={`badge tone-${STATUS[status]}`}>{status.replace('_', ' ')}</span>;
}

/** "due in 3 h" / "was due 2 h ago", with the exact time in a title. */
export function DueTime({ due, stopped }: { due: string | null; stopped?: string | null }) {
  if (!due) return <span className="muted">no due time</span>;
  const past = new Date(due).getTime() < Date.now();
  return (
    <time dateTime={due} title={exact(due)}>
      {stopped ? `was due ${exact(due)}` : past ? `was due ${ago(due)}` : `due ${ago(due)}`}
    </time>
  );
}

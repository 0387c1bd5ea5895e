import { DraftError } from '../../components/draft-error.ts';
import type { SlaPolicy, SlaPolicyInput } from '../../api/types.ts';

/** The SLA policy form as typed: minutes per priority 1-5 ('' for no target), the ratio, optional business hours. */
export interface SlaDraft {
  readonly name: string;
  readonly targets: readonly [string, string, string, string, string];
  readonly nearBreachRatio: string;
  readonly businessHours: boolean;
  readonly timezone: string;
  readonly days: readonly number[];
  readonly start: string;
  readonly end: string;
}

export const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export const NEW_SLA: SlaDraft = { name: '', targets: ['240', '1440', '4320', '', ''], nearBreachRatio: '0.75', businessHours: false, timezone: 'UTC', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

/** The API body for a draft; throws a DraftError naming the field at fault. */
export function toSlaInput(draft: SlaDraft): SlaPolicyInput {
  if (!draft.name.trim()) throw new DraftError('name', 'Give the policy a name.');
  const targets: Record<string, number> = {};
  draft.targets.forEach((text, i) => {
    if (!text.trim()) return;
    const minutes = Number(text);
    if (!Number.isInteger(minutes) || minutes <= 0) throw new DraftError(`target-${i + 1}`, `The target for P${i + 1} must be a whole number of minutes above 0 (or empty for none).`);
    targets[String(i + 1)] = minutes;
  });
  if (Object.keys(targets).length === 0) throw new DraftError('target-1', 'Give at least one priority a target in minutes.');
  const ratio = Number(draft.nearBreachRatio);
  if (!(ratio > 0 && ratio < 1)) throw new DraftError('ratio', 'The near-breach ratio is a fraction between 0 and 1, such as 0.75.');
  let business_hours: SlaPolicyInput['business_hours'] = null;
  if (draft.businessHours) {
    if (draft.days.length === 0) throw new DraftError('days', 'Choose at least one business day.');
    if (!(draft.start < draft.end)) throw new DraftError('start', 'Business hours start before they end.');
    business_hours = { timezone: draft.timezone.trim(), days: [...draft.days].sort(), start: draft.start, end: draft.end };
  }
  return { name: draft.name.trim(), targets, near_breach_ratio: ratio, business_hours };
}

export function fromSlaPolicy(p: SlaPolicy): SlaDraft {
  const t = p.targets as Record<string, number>;
  const bh = p.business_hours;
  return {
    name: p.name,
    targets: [1, 2, 3, 4, 5].map((n) => (t[String(n)] !== undefined ? String(t[String(n)]) : '')) as unknown as SlaDraft['targets'],
    nearBreachRatio: String(p.near_breach_ratio),
    businessHours: bh !== null,
    timezone: bh?.timezone ?? 'UTC',
    days: bh?.days ?? [1, 2, 3, 4, 5],
    start: bh?.start ?? '09:00',
    end: bh?.end ?? '17:00',
  };
}

/** 240 → "4 h", 1440 → "1 d", 90 → "1 h 30 min". */
export function minutesText(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} d`;
  if (minutes >= 60) return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  return `${minutes} min`;
}

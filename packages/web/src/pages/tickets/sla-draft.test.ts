import { describe, expect, it } from 'vitest';
import { fromSlaPolicy, minutesText, NEW_SLA, toSlaInput } from './sla-draft.ts';

describe('the SLA policy form', () => {
  it('sends minutes per priority, the ratio and business hours when asked', () => {
    expect(toSlaInput({ ...NEW_SLA, name: ' critical vulns ' })).toEqual({ name: 'critical vulns', targets: { '1': 240, '2': 1440, '3': 4320 }, near_breach_ratio: 0.75, business_hours: null });
    expect(toSlaInput({ ...NEW_SLA, name: 'office', businessHours: true, timezone: 'Europe/Paris', days: [5, 1, 3] }).business_hours).toEqual({ timezone: 'Europe/Paris', days: [1, 3, 5], start: '09:00', end: '17:00' });
  });
  it('refuses what the API would refuse, naming the field', () => {
    expect(() => toSlaInput(NEW_SLA)).toThrow(/name/);
    expect(() => toSlaInput({ ...NEW_SLA, name: 'x', targets: ['4h', '', '', '', ''] })).toThrow(/P1 must be a whole number of minutes/);
    expect(() => toSlaInput({ ...NEW_SLA, name: 'x', targets: ['', '', '', '', ''] })).toThrow(/at least one priority/);
    expect(() => toSlaInput({ ...NEW_SLA, name: 'x', nearBreachRatio: '75' })).toThrow(/between 0 and 1/);
    expect(() => toSlaInput({ ...NEW_SLA, name: 'x', businessHours: true, start: '18:00' })).toThrow(/start before they end/);
  });
  it('reads a stored policy back', () => {
    const policy = { id: 'p', name: 'p', targets: { '2': 60 }, near_breach_ratio: 0.5, business_hours: null, created_at: '', updated_at: '' };
    expect(fromSlaPolicy(policy).targets).toEqual(['', '60', '', '', '']);
    expect(toSlaInput(fromSlaPolicy(policy))).toEqual({ name: 'p', targets: { '2': 60 }, near_breach_ratio: 0.5, business_hours: null });
    expect([minutesText(240), minutesText(1440), minutesText(90), minutesText(45)]).toEqual(['4 h', '1 d', '1 h 30 min', '45 min']);
  });
});

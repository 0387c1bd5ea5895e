import { describe, expect, it } from 'vitest';
import { addSlaMinutes, checkBusinessHours } from './sla-clock.ts';

const paris = { timezone: 'Europe/Paris', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

describe('the SLA clock', () => {
  it('counts plain minutes without business hours', () => {
    expect(addSlaMinutes(new Date('2026-03-06T16:00:00Z'), 240)).toEqual(new Date('2026-03-06T20:00:00Z'));
  });

  it('counts only working minutes in the zone: Friday 16:00 Paris + 4 h is Monday 12:00', () => {
    // 2026-03-06 is a Friday; Paris is UTC+1 in March before the switch.
    expect(addSlaMinutes(new Date('2026-03-06T15:00:00Z'), 240, paris)).toEqual(new Date('2026-03-09T11:00:00Z'));
  });

  it('starts counting at the next window when opened outside it, and crosses a DST change', () => {
    expect(addSlaMinutes(new Date('2026-03-07T10:00:00Z'), 30, paris)).toEqual(new Date('2026-03-09T08:30:00Z')); // Saturday → Monday 09:30 local
    // 2026-03-29 (Sunday) Paris moves to UTC+2: Monday 09:00 local is 07:00 UTC.
    expect(addSlaMinutes(new Date('2026-03-27T15:30:00Z'), 60, paris)).toEqual(new Date('2026-03-30T07:30:00Z'));
  });

  it('validates business hours with a field per problem', () => {
    expect(() => checkBusinessHours({ ...paris, timezone: 'Nowhere/Land' })).toThrow(expect.objectContaining({ field: 'business_hours.timezone' }));
    expect(() => checkBusinessHours({ ...paris, days: [0] })).toThrow(expect.objectContaining({ field: 'business_hours.days' }));
    expect(() => checkBusinessHours({ ...paris, start: '9am' })).toThrow(expect.objectContaining({ field: 'business_hours.start' }));
    expect(() => checkBusinessHours({ ...paris, start: '18:00' })).toThrow(expect.objectContaining({ field: 'business_hours.end' }));
    expect(() => checkBusinessHours({ ...paris, lunch: '12:00' })).toThrow(expect.objectContaining({ field: 'business_hours.lunch' }));
    expect(checkBusinessHours(paris)).toEqual(paris);
  });
});

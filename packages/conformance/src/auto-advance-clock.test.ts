import { describe, expect, it } from 'vitest';
import { AutoAdvanceClock } from './auto-advance-clock.ts';

describe('AutoAdvanceClock', () => {
  it('moves time forward by a short sleep at once and records it', async () => {
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    const started = performance.now();
    await clock.sleep(7_000);
    await clock.sleep(250);
    expect(performance.now() - started).toBeLessThan(100);
    expect(clock.now().toISOString()).toBe('2026-05-01T00:00:07.250Z');
    expect(clock.waits).toEqual([7_000, 250]);
  });

  it('holds timeout-length sleeps until advanced, and lets an abort release them', async () => {
    const clock = new AutoAdvanceClock(0, { holdFromMs: 30_000 });
    let fired = false;
    void clock.sleep(30_000).then(() => (fired = true));
    const controller = new AbortController();
    const aborted = clock.sleep(60_000, controller.signal);
    await Promise.resolve();
    expect(fired).toBe(false);
    expect(clock.held).toBe(2);
    controller.abort(new Error('done'));
    await expect(aborted).rejects.toThrow('done');
    clock.advance(29_999);
    await Promise.resolve();
    expect(fired).toBe(false);
    clock.advance(1);
    await Promise.resolve();
    expect(fired).toBe(true);
    expect(clock.held).toBe(0);
  });

  it('wakes a held timeout when short sleeps add up past it', async () => {
    const clock = new AutoAdvanceClock(0, { holdFromMs: 1_000 });
    let fired = false;
    void clock.sleep(1_500).then(() => (fired = true));
    await clock.sleep(900);
    await clock.sleep(900);
    await Promise.resolve();
    expect(fired).toBe(true);
  });

  it('refuses to sleep on an aborted signal', async () => {
    const clock = new AutoAdvanceClock();
    await expect(clock.sleep(10, AbortSignal.abort(new Error('stop')))).rejects.toThrow('stop');
    expect(clock.waits).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead.ts';

describe('readAhead', () => {
  it('prepares the next item while the consumer works on the current one, in order', async () => {
    const log: string[] = [];
    async function* source() {
      for (let i = 0; i < 3; i++) {
        log.push(`read ${i}`);
        yield i;
      }
    }
    const seen: number[] = [];
    for await (const { item, prepared } of readAhead(source(), async (n) => n * 10)) {
      log.push(`write ${item}`);
      await new Promise((r) => setTimeout(r, 5));
      seen.push(prepared);
    }
    expect(seen).toEqual([0, 10, 20]);
    expect(log.indexOf('read 1')).toBeLessThan(log.indexOf('write 0') + 2);
    expect(log.indexOf('read 1')).toBeLessThan(log.indexOf('write 1'));
  });

  it('reports a failure of the source when the consumer reaches it, after the items before it', async () => {
    async function* source() {
      yield 1;
      yield 2;
      throw new Error('vendor down');
    }
    const seen: number[] = [];
    await expect(async () => {
      for await (const { item } of readAhead(source(), async (n) => n)) seen.push(item);
    }).rejects.toThrow('vendor down');
    expect(seen).toEqual([1, 2]);
  });

  it('closes the source when the consumer stops early', async () => {
    let closed = false;
    async function* source() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed = true;
      }
    }
    for await (const { item } of readAhead(source(), async (n) => n)) if (item === 1) break;
    await new Promise((r) => setTimeout(r, 10));
    expect(closed).toBe(true);
  });
});

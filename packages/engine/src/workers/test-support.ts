import { z } from 'zod';
import { defineConnector, defineStream } from '@patchbay/sdk';
import { mapMemoryItem, type MemoryItem } from '../testing/memory-source.ts';

/**
 * A vendor whose pages can be held back (tests of leases, cancellation and shutdown): while `paused`,
 * every page waits for `step()` or `resume()`, and gives up when the run's signal aborts.
 */
export class GatedSource {
  items: MemoryItem[] = [];
  pageSize = 2;
  paused = false;
  /** Pages handed out so far. */
  served = 0;
  #waiters: Array<() => void> = [];

  get waiting(): number {
    return this.#waiters.length;
  }

  async turn(signal: AbortSignal): Promise<void> {
    if (!this.paused) return;
    await new Promise<void>((resolve, reject) => {
      const go = () => {
        signal.removeEventListener('abort', stop);
        resolve();
      };
      const stop = () => {
        this.#waiters = this.#waiters.filter((w) => w !== go);
        reject(signal.reason);
      };
      this.#waiters.push(go);
      signal.addEventListener('abort', stop, { once: true });
    });
  }

  step(n = 1): void {
    for (const w of this.#waiters.splice(0, n)) w();
  }

  resume(): void {
    this.paused = false;
    this.step(this.#waiters.length);
  }
}

export const items = (from: number, to: number): MemoryItem[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ id: `g-${from + i}`, title: `item ${from + i}`, severity: (from + i) % 10, updated: 1_700_000_000_000 + from + i }));

export function gatedConnector(source: GatedSource, rateLimits?: { perSecond?: number; perMinute?: number }) {
  return defineConnector({
    id: 'gated-source',
    name: 'Gated Source',
    vendor: 'Patchbay tests',
    category: 'other',
    version: '1.0.0',
    description: 'Pages that wait for the test',
    features: ['tests'],
    icon: '🧪',
    docsUrl: 'https://example.invalid/gated',
    auth: [],
    config: z.object({}),
    capabilities: ['ingest'],
    allowedHosts: ['gated.invalid'],
    minPlatformVersion: '0.1.0',
    ...(rateLimits ? { rateLimits } : {}),
    streams: ['alerts', 'assets'].map((name) =>
      defineStream({
        name,
        ocsf: { class: 'detection_finding', classUid: 2004 },
        primaryKey: 'id',
        checkpoint: z.object({ offset: z.number().int().min(0) }),
        fullRefresh: false,
        permissions: [],
        async *fetch(ctx, checkpoint) {
          let offset = checkpoint?.offset ?? 0;
          for (;;) {
            await source.turn(ctx.signal);
            const records = source.items.slice(offset, offset + source.pageSize);
            if (records.length === 0) return;
            source.served++;
            offset += records.length;
            yield { records, checkpoint: { offset } };
          }
        },
        map: (raw: MemoryItem) => mapMemoryItem(raw),
      }),
    ),
  });
}

/** Polls `check` (real time, short waits) until it holds. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

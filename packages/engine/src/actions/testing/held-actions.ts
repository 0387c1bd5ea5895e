import { z } from 'zod';
import { defineAction, defineConnector } from '@patchbay/sdk';

const input = z.object({ host: z.string() });
const output = z.object({ host: z.string(), done: z.boolean() });

/** Holds every run of its actions until `release()` (or forever): a vendor call in flight when the process dies. */
export class HeldVendor {
  #waiting: Array<() => void> = [];
  started = 0;
  async call(): Promise<void> {
    this.started += 1;
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }
  release(): void {
    for (const resolve of this.#waiting.splice(0)) resolve();
  }
}

/** Test-only: a connector whose actions wait on a HeldVendor (no network). */
export function heldActionsConnector(vendor: HeldVendor) {
  const action = (name: string, impact: 'high' | 'low') =>
    defineAction<typeof input, typeof output, Record<string, never>>({
      name,
      title: name,
      description: `Test action ${name}, held until released`,
      input,
      output,
      readOnly: false,
      impact,
      category: 'contain',
      permissions: ['hosts:write'],
      run: async (_ctx, i) => {
        await vendor.call();
        return { host: i.host, done: true };
      },
    });
  return defineConnector({
    id: 'held-actions',
    name: 'Held Actions',
    vendor: 'Patchbay tests',
    category: 'edr',
    version: '1.0.0',
    description: 'Actions that wait until the test releases them',
    features: ['tests'],
    icon: '🧪',
    docsUrl: 'https://example.invalid/held-actions',
    auth: [],
    config: z.object({}),
    capabilities: ['actions'],
    allowedHosts: ['held.invalid'],
    minPlatformVersion: '0.1.0',
    actions: [action('contain-host', 'high'), action('tag-host', 'low')],
  });
}

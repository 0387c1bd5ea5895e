import type { Capability } from './catalogue.ts';

/** What the capability rules look at. */
export interface DeclaredContent {
  readonly streams: number;
  readonly actions: readonly { readonly readOnly: boolean; readonly category: string }[];
  readonly webhook: boolean;
  readonly destination: boolean;
  readonly ticket: boolean;
}

interface CapabilityRule {
  /** Whether the content backs the capability; `needs` says what is missing otherwise. */
  readonly backed: (content: DeclaredContent) => boolean;
  readonly needs: string;
  /** Whether the content obliges the connector to declare the capability. */
  readonly implied?: (content: DeclaredContent) => boolean;
}

const writes = (c: DeclaredContent) => c.actions.some((action) => !action.readOnly);

/** Each capability against the declaration's content, both ways: claimed ⇒ backed, present ⇒ claimed. */
export const capabilityRules: Readonly<Record<Capability, CapabilityRule>> = {
  ingest: { backed: (c) => c.streams > 0, needs: 'at least one stream', implied: (c) => c.streams > 0 },
  query: { backed: (c) => c.actions.some((a) => a.readOnly), needs: 'a read-only action to run queries' },
  push: { backed: writes, needs: 'an action that writes to the vendor' },
  destination: { backed: (c) => c.destination, needs: 'a destination declaration', implied: (c) => c.destination },
  ticket: { backed: (c) => c.ticket, needs: 'a ticket declaration (defineTicketing)', implied: (c) => c.ticket },
  actions: { backed: (c) => c.actions.length > 0, needs: 'at least one action', implied: (c) => c.actions.length > 0 },
  webhook: { backed: (c) => c.webhook, needs: 'a webhook declaration', implied: (c) => c.webhook },
  bidirectional: { backed: (c) => c.streams > 0 && writes(c), needs: 'both a stream and an action that writes to the vendor' },
};

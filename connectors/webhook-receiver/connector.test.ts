import { describeConformance } from '@patchbay/conformance/vitest';
import { describeConnector } from '@patchbay/sdk';
import { describe, expect, it } from 'vitest';
import connector from './connector.ts';
import simulator from './simulator/index.ts';

// Declaration and schemas; the sync scenarios do not apply: the receiver pulls nothing.
describeConformance(connector, simulator);

describe('webhook-receiver declaration', () => {
  it('declares one webhook-fed stream and the inbound webhook', () => {
    expect(describeConnector(connector)).toMatchObject({
      id: 'webhook-receiver',
      capabilities: ['ingest', 'webhook'],
      auth: [],
      streams: [{ name: 'events', ocsf: { class: 'base_event' }, primaryKey: 'id', fullRefresh: false, schedule: null }],
      webhook: { verification: { kind: 'standard-webhooks' }, secretSource: 'generated', streams: ['events'] },
    });
  });

  it('pulls nothing: its stream is fed by the webhook only', async () => {
    const pages = [];
    for await (const page of connector.streams![0]!.fetch({} as never, undefined)) pages.push(page);
    expect(pages).toEqual([]);
  });
});

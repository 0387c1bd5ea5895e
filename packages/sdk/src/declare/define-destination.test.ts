import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineConnector } from './define-connector.ts';
import { defineDestination } from './define-destination.ts';
import { describeConnector } from './describe-connector.ts';
import type { DestinationBatch, DestinationDeclaration } from './destination-types.ts';
import { fieldsOf } from './fixtures/expect-invalid.ts';

const send: DestinationDeclaration['send'] = async () => undefined;
const connect: DestinationDeclaration['connect'] = async () => ({ send: async () => undefined, close: async () => undefined });

const connector = (destination: unknown, capabilities: readonly string[] = ['destination']) =>
  defineConnector({
    id: 'acme-siem',
    name: 'Acme SIEM',
    vendor: 'Acme',
    category: 'siem',
    version: '1.0.0',
    description: 'Forwards events to Acme',
    features: ['forwarding'],
    icon: '📡',
    docsUrl: 'https://docs.example.com/acme',
    auth: [],
    config: z.object({ host: z.string().default('siem.example.com') }),
    capabilities: capabilities as never,
    allowedHosts: [{ fromConfig: 'host' }],
    minPlatformVersion: '0.1.0',
    destination: destination as never,
  });

describe('defineDestination', () => {
  it('keeps formats as frozen data and the sender as a function', async () => {
    const seen: DestinationBatch[] = [];
    const destination = defineDestination({ formats: ['cef', 'rfc5424'], maxBatchEvents: 100, send: async (_ctx, batch) => void seen.push(batch) });
    expect(destination.kind).toBe('destination');
    expect(Object.isFrozen(destination.formats)).toBe(true);
    await destination.send!({} as never, { format: 'cef', events: [], replay: false });
    expect(seen).toHaveLength(1);
  });

  it('rejects unknown or repeated formats, an empty list and a bad batch size', () => {
    expect(fieldsOf(() => defineDestination({ formats: [], send }))).toEqual(['destination.formats']);
    expect(fieldsOf(() => defineDestination({ formats: ['cef', 'xml' as never, 'cef'], maxBatchEvents: 0, send }))).toEqual([
      'destination.formats[1]',
      'destination.formats[2]',
      'destination.maxBatchEvents',
    ]);
  });

  it('needs exactly one of send and connect', () => {
    expect(fieldsOf(() => defineDestination({ formats: ['cef'] }))).toEqual(['destination']);
    expect(fieldsOf(() => defineDestination({ formats: ['cef'], send, connect }))).toEqual(['destination']);
    expect(fieldsOf(() => defineDestination({ formats: ['cef'], send: 'post' as never }))).toEqual(['destination.send']);
  });
});

describe('the destination capability', () => {
  it('is backed by a destination declaration, and a declaration implies it', () => {
    expect(connector({ formats: ['cef'], connect }).capabilities).toEqual(['destination']);
    expect(fieldsOf(() => connector(undefined, ['destination']))).toEqual(['capabilities[0]']);
    expect(fieldsOf(() => connector({ formats: ['cef'], send }, ['query']))).toContain('capabilities');
  });

  it('checks the declaration inside a connector and describes it', () => {
    expect(fieldsOf(() => connector({ formats: ['syslog'], send }))).toEqual(['destination.formats[0]']);
    const description = describeConnector(connector({ formats: ['rfc5424', 'cef'], connect }));
    expect(description.destination).toEqual({ formats: ['rfc5424', 'cef'], maxBatchEvents: 500, mode: 'connect' });
  });
});

import { randomUUID } from 'node:crypto';
import type { DestinationContext } from '@patchbay/sdk';
import type { SplunkConfig } from '../config.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const generated = new WeakMap<object, string>();

/**
 * The X-Splunk-Request-Channel of an instance: `hec_channel` when set, else the instance id (a GUID,
 * stable across restarts, so acknowledgements of one instance stay on one channel), else a GUID made
 * once per context. HEC requires a channel on tokens with indexer acknowledgement ("About HTTP Event
 * Collector Indexer Acknowledgment", https://docs.splunk.com/Documentation/Splunk/latest/Data/AboutHECIDXAck).
 */
export function channelOf(ctx: Pick<DestinationContext<SplunkConfig>, 'config' | 'instanceId' | 'http'>): string {
  if (ctx.config.hec_channel) return ctx.config.hec_channel;
  if (GUID.test(ctx.instanceId)) return ctx.instanceId;
  let channel = generated.get(ctx.http);
  if (!channel) generated.set(ctx.http, (channel = randomUUID()));
  return channel;
}

import { defineStream, type ConnectorContext } from '@patchbay/sdk';
import { isPatchbayError } from '@patchbay/types';
import { z } from 'zod';
import type { CrowdStrikeConfig } from '../config.ts';
import { mapHost, type HostRecord } from '../mappers/host.ts';
import { hostPages, type HostPage, type ScrollPosition } from './host-pages.ts';

/** Where the run's listing goes on: the scroll pointer (null once read to the end) and how many ids were read. */
export const hostsCheckpoint = z.object({ offset: z.string().nullable(), read: z.number().int().min(0) });

/**
 * Reads the hosts from `start`. A stored pointer that has expired since (a run resumed more than two
 * minutes after it stopped) restarts the listing from the beginning: hosts read again are only touched,
 * and the run's deletion detection is unaffected.
 */
async function* listFrom(ctx: ConnectorContext<CrowdStrikeConfig>, start: ScrollPosition | undefined): AsyncGenerator<HostPage> {
  let read = false;
  try {
    for await (const page of hostPages(ctx, start)) {
      read = true;
      yield page;
    }
  } catch (error) {
    if (read || start === undefined || !(isPatchbayError(error) && error.code === 'PAGE_TOKEN_EXPIRED')) throw error;
    ctx.log.warn({ stream: 'hosts' }, 'the stored scroll pointer has expired; reading the hosts from the start');
    yield* hostPages(ctx);
  }
}

/**
 * Every Falcon host on every run (full refresh): the engine marks hosts that are gone (removed or hidden
 * in Falcon) as deleted once a run completes. A run stopped midway resumes from its scroll pointer.
 */
export const hosts = defineStream<HostRecord, typeof hostsCheckpoint, CrowdStrikeConfig>({
  name: 'hosts',
  title: 'Hosts',
  description: 'Every host with a Falcon sensor: identity, addresses, OS, hardware, sensor version, groups; removed hosts are marked deleted.',
  ocsf: { class: 'inventory_info', classUid: 5001 },
  primaryKey: 'device_id',
  checkpoint: hostsCheckpoint,
  fullRefresh: true,
  permissions: ['devices:read'],
  schedule: { intervalMinutes: 60 },
  async *fetch(ctx, checkpoint) {
    if (checkpoint?.offset === null) return;
    for await (const page of listFrom(ctx, checkpoint)) yield { records: page.hosts, checkpoint: page.next };
  },
  map: mapHost,
});

/**
 * The connector the sync benchmark runs: pages through the simulator's alerts with ctx.http and maps
 * each to an OCSF detection finding (2004) in TypeScript, like a built-in connector.
 */
import { z } from 'zod';
import { defineConnector, defineStream } from '@patchbay/sdk';

export interface BenchAlert {
  id: string;
  created_at: string;
  updated_at: string;
  severity: number;
  status: string;
  title: string;
  description: string;
  rule: { id: string; name: string };
  tactic: string;
  host: { id: string; hostname: string; ip: string; os: string };
  user: { name: string; domain: string };
  process: { pid: number; name: string; cmdline: string; sha256: string };
  tags: string[];
}

/** Counts the records fetched so far: the worker samples memory against it. */
export const progress = { fetched: 0 };

const severityId = (s: number) => (s >= 90 ? 5 : s >= 70 ? 4 : s >= 40 ? 3 : s >= 20 ? 2 : 1);

export function mapAlert(a: BenchAlert) {
  return {
    class_uid: 2004,
    category_uid: 2,
    type_uid: 200401,
    activity_id: 1,
    severity_id: severityId(a.severity),
    time: Date.parse(a.updated_at),
    status_id: a.status === 'new' ? 1 : 2,
    message: a.title,
    metadata: { version: '1.9.0-dev', profiles: ['host'], product: { name: 'Bench EDR', vendor_name: 'Patchbay bench' }, uid: a.id },
    finding_info: {
      uid: a.id,
      title: a.title,
      desc: a.description,
      created_time: Date.parse(a.created_at),
      modified_time: Date.parse(a.updated_at),
      analytic: { uid: a.rule.id, name: a.rule.name, type_id: 1 },
      attacks: [{ tactic: { name: a.tactic } }],
    },
    device: { uid: a.host.id, hostname: a.host.hostname, ip: a.host.ip, type_id: 0, os: { name: a.host.os, type_id: 100 } },
    actor: { user: { name: a.user.name, domain: a.user.domain }, process: { pid: a.process.pid, name: a.process.name, cmd_line: a.process.cmdline } },
    evidences: [{ process: { pid: a.process.pid, name: a.process.name, file: { name: a.process.name, type_id: 1, hashes: [{ algorithm_id: 3, value: a.process.sha256 }] } } }],
    unmapped: { tags: a.tags },
  };
}

export function benchConnector(pageSize: number) {
  return defineConnector({
    id: 'bench-edr',
    name: 'Bench EDR',
    vendor: 'Patchbay bench',
    category: 'edr',
    version: '1.0.0',
    description: 'The sync benchmark source',
    features: ['benchmark'],
    icon: '⏱️',
    docsUrl: 'https://example.invalid/bench',
    auth: [],
    config: z.object({ base_url: z.string() }),
    capabilities: ['ingest'],
    allowedHosts: [{ fromConfig: 'base_url' }],
    minPlatformVersion: '0.1.0',
    streams: [
      defineStream({
        name: 'alerts',
        ocsf: { class: 'detection_finding', classUid: 2004 },
        primaryKey: 'id',
        checkpoint: z.object({ offset: z.number().int().min(0) }),
        fullRefresh: false,
        permissions: [],
        async *fetch(ctx, checkpoint) {
          let offset: number | null = checkpoint?.offset ?? 0;
          while (offset !== null) {
            const res: { body: { data: BenchAlert[]; next_offset: number | null } } = await ctx.http.get<{ data: BenchAlert[]; next_offset: number | null }>('/v1/alerts', { query: { offset, limit: pageSize }, maxBytes: 64 * 1024 * 1024 });
            progress.fetched += res.body.data.length;
            offset = res.body.next_offset;
            yield { records: res.body.data, checkpoint: { offset: offset ?? progress.fetched } };
          }
        },
        map: (raw: BenchAlert) => mapAlert(raw),
      }),
    ],
  });
}

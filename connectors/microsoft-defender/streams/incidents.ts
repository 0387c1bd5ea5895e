import { defineStream } from '@patchbay/sdk';
import type { DefenderConfig } from '../config.ts';
import { mapIncident } from '../mappers/incident.ts';
import type { GraphIncident } from '../vendor.ts';
import { graphChanges, graphCheckpoint } from './graph-changes.ts';

/**
 * Microsoft Defender XDR incidents (correlated alerts) through Graph, incremental on lastUpdateDateTime.
 * https://learn.microsoft.com/en-us/graph/api/security-list-incidents?view=graph-rest-1.0
 */
export const incidents = defineStream<GraphIncident, typeof graphCheckpoint, DefenderConfig>({
  name: 'incidents',
  title: 'Incidents',
  description: 'Microsoft Defender XDR incidents (Graph security incidents), incremental on lastUpdateDateTime.',
  ocsf: { class: 'incident_finding', classUid: 2005 },
  primaryKey: 'id',
  checkpoint: graphCheckpoint,
  fullRefresh: false,
  permissions: ['SecurityIncident.Read.All'],
  schedule: { intervalMinutes: 5 },
  async *fetch(ctx, checkpoint) {
    for await (const page of graphChanges<GraphIncident>(ctx, checkpoint, 'security/incidents', 'incidents')) yield { records: page.records, checkpoint: { cursor: page.state } };
  },
  map: mapIncident,
});

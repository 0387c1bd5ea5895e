import { defineStream } from '@patchbay/sdk';
import type { DefenderConfig } from '../config.ts';
import { mapAlert } from '../mappers/alert.ts';
import type { GraphAlert } from '../vendor.ts';
import { graphChanges, graphCheckpoint } from './graph-changes.ts';

/**
 * Alerts from every Defender product (Endpoint, Identity, Office 365, Cloud Apps, Entra ID Protection...)
 * through Graph's unified alerts_v2 API, incremental on lastUpdateDateTime: status, classification and
 * determination changes (including those made by the update-alert action) come back as updates.
 * https://learn.microsoft.com/en-us/graph/api/security-list-alerts_v2?view=graph-rest-1.0
 */
export const alerts = defineStream<GraphAlert, typeof graphCheckpoint, DefenderConfig>({
  name: 'alerts',
  title: 'Alerts',
  description: 'Microsoft Defender XDR alerts (Graph security alerts_v2), incremental on lastUpdateDateTime.',
  ocsf: { class: 'detection_finding', classUid: 2004 },
  primaryKey: 'id',
  checkpoint: graphCheckpoint,
  fullRefresh: false,
  permissions: ['SecurityAlert.Read.All'],
  schedule: { intervalMinutes: 5 },
  async *fetch(ctx, checkpoint) {
    for await (const page of graphChanges<GraphAlert>(ctx, checkpoint, 'security/alerts_v2', 'alerts')) yield { records: page.records, checkpoint: { cursor: page.state } };
  },
  map: mapAlert,
});

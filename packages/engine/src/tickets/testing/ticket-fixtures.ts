import { z } from 'zod';
import { defineConnector, defineTicketing, type TicketChange, type TicketDraft, type TicketState } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';

/**
 * Two connectors for the ticket engine's tests: a scanner whose findings and assets the test
 * sets before each sync, and an ITSM whose tickets live in memory (the ticket contract's create, update,
 * get) and whose `issues` stream reads them back — as the Jira and ServiceNow connectors do against their
 * simulators in the end-to-end tests.
 */
export interface Finding { id: string; title: string; severity: number; host: string; status?: number }
export interface Asset { id: string; host: string }
export const source = { findings: [] as Finding[], assets: [] as Asset[] };

export const scanner = defineConnector({
  id: 'test-scanner',
  name: 'Test scanner',
  vendor: 'Patchbay tests',
  category: 'vulnerability',
  version: '1.0.0',
  description: 'Findings and assets set by the ticket tests',
  features: ['tests'],
  icon: '🧪',
  docsUrl: 'https://example.invalid/scanner',
  auth: [],
  config: z.object({}),
  capabilities: ['ingest'],
  allowedHosts: ['scanner.invalid'],
  minPlatformVersion: '0.1.0',
  streams: [
    {
      name: 'findings',
      ocsf: { class: 'vulnerability_finding', classUid: 2002 },
      primaryKey: 'id',
      checkpoint: z.object({}),
      fullRefresh: true,
      permissions: [],
      fetch: async function* () {
        yield { records: source.findings.map((f) => ({ ...f })), checkpoint: {} };
      },
      map: (f: Finding) => ({ class_uid: 2002, category_uid: 2, type_uid: 200201, activity_id: 1, time: 1_772_323_200_000, severity_id: f.severity, status_id: f.status ?? 1, finding_info: { uid: f.id, title: f.title }, device: { hostname: f.host, type_id: 1 }, vulnerabilities: [{ title: f.title, severity: 'High', cve: { uid: `CVE-2026-${f.id.length}0001` } }], metadata: { version: '1.9.0-dev', product: { name: 'Scanner', vendor_name: 'Tests' } } }),
    },
    {
      name: 'assets',
      ocsf: { class: 'inventory_info', classUid: 5001 },
      primaryKey: 'id',
      checkpoint: z.object({}),
      fullRefresh: true,
      permissions: [],
      fetch: async function* () {
        yield { records: source.assets.map((a) => ({ ...a })), checkpoint: {} };
      },
      map: (a: Asset) => ({ class_uid: 5001, category_uid: 5, type_uid: 500101, activity_id: 1, time: 1_772_323_200_000, severity_id: 1, device: { uid: a.id, hostname: a.host, type_id: 1 }, metadata: { version: '1.9.0-dev', product: { name: 'Scanner', vendor_name: 'Tests' } } }),
    },
  ],
});

export interface Issue { key: string; status: string; title: string; priority: number; fields: Record<string, unknown>; labels: string[]; comments: string[] }
export class MemoryItsm {
  issues: Issue[] = [];
  createCalls = 0;
  failCreates = 0;
  state = (i: Issue): TicketState => ({ key: i.key, url: `https://itsm.invalid/browse/${i.key}`, status: i.status });
  create(draft: TicketDraft): TicketState {
    this.createCalls++;
    if (this.failCreates > 0) {
      this.failCreates--;
      throw new PatchbayError('VENDOR_UNAVAILABLE', { message: 'HTTP 503 from the ITSM' });
    }
    const found = this.issues.find((i) => i.labels.includes(draft.dedupKey));
    if (found) return this.state(found);
    const issue = { key: `SEC-${this.issues.length + 1}`, status: 'To Do', title: draft.title, priority: draft.priority, fields: { ...draft.fields }, labels: [...draft.labels], comments: [] };
    this.issues.push(issue);
    return this.state(issue);
  }
  update(key: string, change: TicketChange): TicketState {
    const issue = this.issues.find((i) => i.key === key)!;
    if (change.status) issue.status = change.status === 'resolved' || change.status === 'closed' ? 'Done' : change.status === 'in_progress' ? 'In Progress' : 'To Do';
    if (change.priority) issue.priority = change.priority;
    if (change.comment) issue.comments.push(change.comment);
    return this.state(issue);
  }
}
export const itsm = new MemoryItsm();

export const itsmConnector = defineConnector({
  id: 'test-itsm',
  name: 'Test ITSM',
  vendor: 'Patchbay tests',
  category: 'ticketing',
  version: '1.0.0',
  description: 'Tickets in memory for the ticket tests',
  features: ['tests'],
  icon: '🎫',
  docsUrl: 'https://example.invalid/itsm',
  auth: [],
  config: z.object({}),
  capabilities: ['ingest', 'ticket'],
  allowedHosts: ['itsm.invalid'],
  minPlatformVersion: '0.1.0',
  streams: [
    {
      name: 'issues',
      ocsf: { class: 'incident_finding', classUid: 2005 },
      primaryKey: 'key',
      checkpoint: z.object({}),
      fullRefresh: true,
      permissions: [],
      fetch: async function* () {
        yield { records: itsm.issues.map((i) => ({ ...i })), checkpoint: {} };
      },
      map: (i: Issue) => ({ class_uid: 2005, category_uid: 2, type_uid: 200501, activity_id: 1, time: 1_772_323_200_000, severity_id: 3, status_id: i.status === 'Done' ? 4 : 1, status: i.status, finding_info_list: [{ uid: i.key, title: i.title }], assignee_group: { name: 'SecOps' }, metadata: { version: '1.9.0-dev', product: { name: 'ITSM', vendor_name: 'Tests' } } }),
    },
  ],
  ticket: defineTicketing({
    noun: 'issue',
    stream: 'issues',
    statusOf: (record) => (typeof record.status === 'string' ? record.status : null),
    statuses: { 'To Do': 'open', 'In Progress': 'in_progress', Done: 'resolved' },
    fields: { customfield_10042: { title: 'Risk score', type: 'number' } },
    create: async (_ctx, draft) => itsm.create(draft),
    update: async (_ctx, key, change) => itsm.update(key, change),
    get: async (_ctx, key) => itsm.state(itsm.issues.find((i) => i.key === key)!),
  }),
});


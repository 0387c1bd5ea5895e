import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import { mapIssue } from './issue.ts';
import { priorityAttributes } from './priority.ts';
import { patchbayStatus } from './status.ts';
import { fixtureIssues, meta, webhookFixture } from './test-support.ts';

// Hand-written payloads following Atlassian's documented formats (fixtures/README.md): no Jira samples exist in ../shared/vendor/samples.
describe('mapIssue on the hand-written search page (fixtures/search-page.json)', () => {
  const [inProgress, done] = fixtureIssues();

  it('maps an issue in progress to a valid OCSF Incident Finding with key, times, priority, status, assignee and link', () => {
    const record = mapIssue(inProgress!, meta);
    expect(validateRecord(record, { warnings: false })).toEqual({ valid: true, warnings: [] });
    expect(record).toMatchObject({
      class_uid: 2005,
      category_uid: 2,
      activity_id: 2,
      type_uid: 200502,
      severity_id: 4,
      severity: 'High',
      priority_id: 3,
      priority: 'High',
      status: 'In Progress',
      status_id: 2,
      // 14:03:47.552 at +02:00 is 12:03:47.552 UTC.
      time: Date.parse('2026-04-30T12:03:47.552Z'),
      start_time: Date.parse('2026-04-28T09:15:02.118Z'),
      message: 'Critical OpenSSL vulnerability on web-01',
      desc: 'CVE-2026-1234 found by the scanner.\nUpgrade OpenSSL to 3.0.14.\n\n- web-01 (production)',
      src_url: 'https://acme.atlassian.net/browse/SEC-42',
      assignee: { uid: '5b10a2844c20165700ede21g', name: 'Mia Krystof', email_addr: 'mia@acme.example', type_id: 1 },
      ticket: { uid: 'SEC-42', src_url: 'https://acme.atlassian.net/browse/SEC-42', type: 'Task', type_id: 2, status: 'In Progress', status_id: 2 },
      metadata: { uid: '10042', original_time: '2026-04-30T14:03:47.552+0200', labels: ['security', 'patchbay-rule-7-finding-91'], product: { name: 'Jira Cloud', vendor_name: 'Atlassian' } },
    });
    expect(record['finding_info_list']).toEqual([
      expect.objectContaining({ uid: 'SEC-42', uid_alt: '10042', title: 'Critical OpenSSL vulnerability on web-01', types: ['Task'], modified_time: Date.parse('2026-04-30T12:03:47.552Z') }),
    ]);
    expect(record).not.toHaveProperty('end_time');
  });

  it('keeps every field without an OCSF home under unmapped: custom fields, project, reporter, components, due date', () => {
    const unmapped = mapIssue(inProgress!, meta)['unmapped'] as { fields: Record<string, unknown>; self: string; expand: string };
    expect(unmapped.self).toBe('https://acme.atlassian.net/rest/api/3/issue/10042');
    expect(unmapped.fields).toMatchObject({ customfield_10042: 9.1, customfield_10043: 'web-01', duedate: '2026-05-07', project: { key: 'SEC' }, reporter: { displayName: 'Patchbay Integration' }, components: [{ name: 'Web' }] });
    expect(Object.keys(unmapped.fields)).not.toContain('summary');
  });

  it('maps a Done issue as closed activity with its resolution, end time, Highest as Critical, and an Unassigned assignee', () => {
    const record = mapIssue(done!, meta);
    expect(validateRecord(record, { warnings: false })).toEqual({ valid: true, warnings: [] });
    expect(record).toMatchObject({ activity_id: 3, type_uid: 200503, status: 'Done', status_id: 4, status_detail: 'Done', severity_id: 5, severity: 'Critical', priority_id: 4, end_time: Date.parse('2026-04-30T16:30:00Z'), assignee: { name: 'Unassigned', type_id: 0 } });
    expect(record).not.toHaveProperty('desc');
    expect(record['metadata']).not.toHaveProperty('labels');
  });

  it('maps the issue of a jira:issue_updated delivery (API v2 plain-text description) the same way', () => {
    const record = mapIssue(webhookFixture().body.issue, meta);
    expect(validateRecord(record, { warnings: false })).toEqual({ valid: true, warnings: [] });
    expect(record).toMatchObject({ status: 'Done', status_id: 4, activity_id: 3, desc: 'CVE-2026-1234 found by the scanner.', src_url: 'https://acme.atlassian.net/browse/SEC-42' });
  });

  it('has no link through the OAuth gateway, and falls back to the receipt time for an issue without a usable updated time', () => {
    const viaGateway = { ...inProgress!, self: 'https://api.atlassian.com/ex/jira/3f6c1e2a/rest/api/3/issue/10042', fields: { ...inProgress!.fields, updated: '2026-04-30T14:03:47' } };
    const record = mapIssue(viaGateway, meta);
    expect(record).not.toHaveProperty('src_url');
    expect(record['time']).toBe(meta.receivedAt.getTime());
  });
});

describe('the documented scales', () => {
  it('Jira priorities on OCSF severity and priority, other names as Other with the name kept', () => {
    expect(['Highest', 'High', 'Medium', 'Low', 'Lowest'].map((p) => priorityAttributes(p).severity_id)).toEqual([5, 4, 3, 2, 1]);
    expect(['Blocker', 'Major', 'Minor', 'Trivial'].map((p) => priorityAttributes(p).severity)).toEqual(['Critical', 'High', 'Low', 'Informational']);
    expect(priorityAttributes('P0 - Drop everything')).toEqual({ severity_id: 99, severity: 'P0 - Drop everything', priority_id: 99, priority: 'P0 - Drop everything' });
    expect(priorityAttributes(undefined)).toEqual({ severity_id: 0, severity: 'Unknown', priority_id: 0 });
  });

  it('statuses through the table (any case), then the status category, then open', () => {
    expect(patchbayStatus('Done', 'done')).toBe('resolved');
    expect(patchbayStatus("won't do", 'done')).toBe('closed');
    expect(patchbayStatus('Awaiting vendor', 'indeterminate')).toBe('in_progress');
    expect(patchbayStatus('Triage', 'new')).toBe('open');
    expect(patchbayStatus('Triage', 'new', { Triage: 'on_hold' })).toBe('on_hold');
    expect(patchbayStatus(undefined, undefined)).toBe('open');
  });
});

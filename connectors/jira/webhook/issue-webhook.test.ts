import { describe, expect, it } from 'vitest';
import { ticketStatusOf } from '@patchbay/sdk';
import connector from '../connector.ts';
import { mapIssue } from '../mappers/issue.ts';
import { meta, webhookFixture } from '../mappers/test-support.ts';
import { signJiraWebhook } from '../simulator/index.ts';
import { verifiesAsDeclared } from '../testing/verify-delivery.ts';
import { handleIssueDelivery, issueWebhook } from './issue-webhook.ts';

describe('the jira webhook declaration', () => {
  it('verifies X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>, with a secret Patchbay generates, feeding the issues stream', () => {
    expect(issueWebhook).toMatchObject({ verification: { kind: 'hmac-sha256', header: 'X-Hub-Signature', encoding: 'hex', prefix: 'sha256=' }, secretSource: 'generated', streams: ['issues'], events: ['issue.deleted'] });
    expect(connector.webhook).toBe(issueWebhook);
  });

  it('the simulator signs as WebSub and Jira do (the HMAC-SHA256 test vector GitHub documents for the same scheme)', () => {
    expect(signJiraWebhook("It's a Secret to Everybody", 'Hello, World!')).toBe('sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17');
    const body = JSON.stringify(webhookFixture().body);
    const headers = { 'x-hub-signature': signJiraWebhook('whsec-jira', body) };
    expect(verifiesAsDeclared(headers, body, 'whsec-jira')).toBe(true);
    expect(verifiesAsDeclared(headers, body.replace('Done', 'Open'), 'whsec-jira')).toBe(false);
    expect(verifiesAsDeclared(headers, body, 'another-secret')).toBe(false);
    expect(verifiesAsDeclared({}, body, 'whsec-jira')).toBe(false);
  });
});

describe('handleIssueDelivery (fixtures/webhook-issue-updated.json, hand-written after the documented callback)', () => {
  it('turns jira:issue_updated into the issue as a record of issues, whose status the ticket engine reads as resolved', () => {
    const { body } = webhookFixture();
    const result = handleIssueDelivery(body);
    expect(result).toEqual({ records: [{ stream: 'issues', records: [body.issue] }] });
    const record = mapIssue(body.issue, meta);
    const status = connector.ticket!.statusOf(record);
    expect(status).toBe('Done');
    expect(ticketStatusOf(connector.ticket!.statuses, status!)).toEqual({ status: 'resolved', known: true });
  });

  it('takes jira:issue_created the same way, raises issue.deleted for a deleted issue, and ignores other events and malformed bodies', () => {
    const { body } = webhookFixture();
    expect(handleIssueDelivery({ ...body, webhookEvent: 'jira:issue_created' }).records?.[0]?.records).toEqual([body.issue]);
    expect(handleIssueDelivery({ ...body, webhookEvent: 'jira:issue_deleted' })).toEqual({ events: [{ type: 'issue.deleted', data: { key: 'SEC-42', id: '10042' } }] });
    expect(handleIssueDelivery({ webhookEvent: 'comment_created', comment: { id: '1' } })).toEqual({});
    expect(handleIssueDelivery({ webhookEvent: 'jira:issue_updated', issue: { key: 'SEC-1' } })).toEqual({});
    expect(handleIssueDelivery('not json')).toEqual({});
  });
});

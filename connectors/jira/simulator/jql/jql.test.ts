import { describe, expect, it } from 'vitest';
import { ManualClock } from '@patchbay/types';
import { JiraSite } from '../site.ts';
import { runJql } from './evaluate.ts';
import { JqlError, parseJql } from './parse.ts';

function site(timeZone = 'UTC') {
  const s = new JiraSite({ clock: new ManualClock(new Date('2026-05-01T12:00:00Z')), timeZone });
  s.seed(6);
  return s;
}
const keys = (s: JiraSite, jql: string) => runJql(parseJql(jql), s.issues.values(), { timeZone: s.timeZone, nowMs: s.now(), me: s.me }).map((i) => i.key);

describe('the simulated JQL', () => {
  it('parses clauses, AND/OR/NOT, parentheses, lists, EMPTY, functions and ORDER BY', () => {
    expect(parseJql('(project = SEC) AND updated >= "2026-05-01 10:00" ORDER BY updated ASC, key ASC')).toEqual({
      where: { kind: 'and', items: [{ kind: 'clause', field: 'project', operator: '=', operands: [{ type: 'value', value: 'SEC' }] }, { kind: 'clause', field: 'updated', operator: '>=', operands: [{ type: 'value', value: '2026-05-01 10:00' }] }] },
      orderBy: [{ field: 'updated', descending: false }, { field: 'key', descending: false }],
    });
    expect(parseJql('labels in (a, "b c") OR NOT assignee is EMPTY OR reporter = currentUser()').where).toMatchObject({ kind: 'or', items: [{ operator: 'in' }, { kind: 'not' }, { operands: [{ type: 'function', name: 'currentuser' }] }] });
    expect(parseJql('labels = "say \\"hi\\""').where).toMatchObject({ operands: [{ value: 'say "hi"' }] });
  });

  it('refuses what Jira refuses, in Jira\'s words', () => {
    expect(() => parseJql('project SEC')).toThrow(/Expecting operator but got 'SEC'/);
    expect(() => parseJql('project = "SEC')).toThrow(/has not been completed/);
    expect(() => parseJql('project = SEC ORDER updated')).toThrow(JqlError);
    const s = site();
    expect(() => keys(s, 'projcet = SEC')).toThrow("Field 'projcet' does not exist or you do not have permission to view it.");
    expect(() => keys(s, 'project = NOPE')).toThrow("The value 'NOPE' does not exist for the field 'project'.");
    expect(() => keys(s, 'updated >= "yesterday"')).toThrow(/Date value 'yesterday' for field 'updated' is invalid/);
  });

  it('filters by project, labels, status, status category and text, and orders by updated then key', () => {
    const s = site();
    expect(keys(s, 'project = SEC ORDER BY key ASC')).toEqual(['SEC-1', 'SEC-2', 'SEC-3', 'SEC-4', 'SEC-5', 'SEC-6']);
    expect(keys(s, 'labels = production ORDER BY key ASC')).toEqual(['SEC-2', 'SEC-4', 'SEC-6']);
    expect(keys(s, 'status = "To Do" ORDER BY key ASC')).toEqual(['SEC-1', 'SEC-3', 'SEC-6']);
    expect(keys(s, 'statusCategory = Done')).toEqual(['SEC-4']);
    expect(keys(s, 'status != Done AND labels != production ORDER BY key DESC')).toEqual(['SEC-5', 'SEC-3', 'SEC-1']);
    expect(keys(s, 'status in ("In Progress", "In Review") ORDER BY key ASC')).toEqual(['SEC-2', 'SEC-5']);
    expect(keys(s, 'summary ~ "host-005"')).toEqual(['SEC-5']);
    expect(keys(s, 'project = SEC')).toEqual(['SEC-6', 'SEC-5', 'SEC-4', 'SEC-3', 'SEC-2', 'SEC-1']);
  });

  it('reads JQL dates to the minute in the searching account\'s time zone, and periods from now', () => {
    const utc = site();
    const at = [...utc.issues.values()].map((i) => i.updated);
    // Issue 4 is at 11:53:32 UTC: "11:53" includes it (the minute starts at :00), "11:54" does not.
    expect(new Date(at[3]!).toISOString()).toBe('2026-05-01T11:53:32.393Z');
    expect(keys(utc, 'updated >= "2026-05-01 11:53" ORDER BY updated ASC')).toEqual(['SEC-4', 'SEC-5', 'SEC-6']);
    expect(keys(utc, 'updated >= "2026-05-01 11:54" ORDER BY updated ASC')).toEqual(['SEC-5', 'SEC-6']);
    // Los Angeles is UTC-7 in May: 04:53 there is 11:53 UTC (read as UTC, it would find all six).
    expect(keys(site('America/Los_Angeles'), 'updated >= "2026-05-01 04:53" ORDER BY updated ASC')).toEqual(['SEC-4', 'SEC-5', 'SEC-6']);
    expect(keys(site('America/Los_Angeles'), 'updated >= "2026/05/01" ORDER BY key ASC')).toHaveLength(6);
    expect(keys(utc, 'updated >= -5m ORDER BY key ASC')).toEqual(['SEC-5', 'SEC-6']);
  });
});

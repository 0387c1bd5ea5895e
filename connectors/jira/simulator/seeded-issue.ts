import { PRIORITIES, STATUSES, USERS } from './site-data.ts';
import type { StoredIssue } from './stored-issue.ts';

const SEED_STATUSES = ['To Do', 'In Progress', 'To Do', 'Done', 'In Review'];

/**
 * The fields of the `index`-th seeded issue, updated at `updated`: a vulnerability finding with statuses,
 * priorities, labels, types and assignees varying from one issue to the next (some unassigned, some
 * unchanged since created, some Done with a resolution), and both custom fields set.
 */
export function seededIssue(index: number, updated: number): Omit<StoredIssue, 'id' | 'key' | 'project' | 'number' | 'comments'> {
  const status = SEED_STATUSES[index % SEED_STATUSES.length]!;
  const done = STATUSES.find((s) => s.name === status)?.category === 'done';
  return {
    summary: `Critical vulnerability on host-${String(index + 1).padStart(3, '0')}`,
    description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: `Finding ${index + 1} needs a fix.` }] }] },
    status,
    priority: PRIORITIES[index % PRIORITIES.length]!.name,
    labels: index % 2 === 0 ? ['security'] : ['security', 'production'],
    issueType: index % 3 === 2 ? 'Bug' : 'Task',
    created: index % 4 === 0 ? updated : updated - 3_600_000,
    updated,
    assignee: index % 3 === 0 ? null : USERS[index % USERS.length]!,
    reporter: USERS[0]!,
    resolution: done ? 'Done' : null,
    resolutionDate: done ? updated : null,
    duedate: null,
    custom: { customfield_10042: (index * 7) % 10, customfield_10043: `host-${String(index + 1).padStart(3, '0')}` },
  };
}

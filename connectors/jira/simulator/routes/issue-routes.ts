import { FieldErrors, issueNotFound, jiraFailure, type Answer } from '../answers.ts';
import { RESOLUTIONS } from '../site-data.ts';
import type { ChangeItem, JiraSite } from '../site.ts';
import { issueJson, statusJson, userJson, type StoredIssue } from '../stored-issue.ts';
import type { SimRequest } from './sim-request.ts';

/** What a change through the API tells the site's webhooks. */
export type IssueEventSink = (event: 'jira:issue_created' | 'jira:issue_updated', issue: StoredIssue, changelog?: readonly ChangeItem[]) => void;

function fieldsOf(body: unknown): Readonly<Record<string, unknown>> | undefined {
  const fields = (body as { fields?: unknown } | null)?.fields;
  return fields !== null && typeof fields === 'object' && !Array.isArray(fields) ? (fields as Record<string, unknown>) : undefined;
}

function commentJson(origin: string, issue: StoredIssue, comment: StoredIssue['comments'][number]): unknown {
  const at = new Date(comment.created).toISOString().replace('Z', '+0000');
  return { self: `${origin}/rest/api/3/issue/${issue.id}/comment/${comment.id}`, id: comment.id, author: userJson(origin, comment.author), body: comment.body, updateAuthor: userJson(origin, comment.author), created: at, updated: at, jsdPublic: true };
}

/** GET .../transitions: each offered transition with its target status, and its screen fields when asked (`expand=transitions.fields`). */
function transitionsJson(site: JiraSite, issue: StoredIssue, request: SimRequest): unknown {
  const withFields = (request.query.get('expand') ?? '').split(',').includes('transitions.fields');
  const transitions = site.transitions(issue).map((t) => ({
    id: t.id,
    name: t.name,
    to: statusJson(request.origin, t.to),
    hasScreen: site.resolutionScreen && t.to === 'Done',
    isGlobal: true,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
    ...(withFields
      ? { fields: site.resolutionScreen && t.to === 'Done' ? { resolution: { required: true, schema: { type: 'resolution', system: 'resolution' }, name: 'Resolution', key: 'resolution', hasDefaultValue: false, operations: ['set'], allowedValues: RESOLUTIONS.map((r) => ({ self: `${request.origin}/rest/api/3/resolution/${r.id}`, id: r.id, name: r.name })) } } : {} }
      : {}),
  }));
  return { expand: 'transitions', transitions };
}

/**
 * The issue endpoints (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/):
 * create (201 with id, key, self), get (fields filter), edit (204), transitions (list, perform: 204),
 * comments (add: 201, list); 404 for an unknown key, 400 with ErrorCollection for refused fields.
 */
export function serveIssue(site: JiraSite, request: SimRequest, events: IssueEventSink, canCreate: boolean): Answer | undefined {
  const { method, path, origin } = request;
  if (path === '/rest/api/3/issue' && method === 'POST') {
    if (!canCreate) return jiraFailure(403, ['You do not have permission to create issues in this project.']);
    const fields = fieldsOf(request.body);
    if (!fields) return jiraFailure(400, ['Issue fields are required.']);
    const issue = site.create(fields);
    events('jira:issue_created', issue);
    return { status: 201, body: { id: issue.id, key: issue.key, self: `${origin}/rest/api/3/issue/${issue.id}` } };
  }
  const match = /^\/rest\/api\/3\/issue\/([^/]+)(?:\/(transitions|comment))?$/.exec(path);
  if (!match) return undefined;
  const issue = site.find(decodeURIComponent(match[1]!));
  if (!issue) return issueNotFound();
  const sub = match[2];
  if (sub === undefined && method === 'GET') {
    const fields = request.query.getAll('fields').flatMap((f) => f.split(','));
    return { status: 200, body: issueJson(issue, origin, site.customFields, fields.length > 0 ? fields : undefined) };
  }
  if (sub === undefined && method === 'PUT') {
    const changes = site.edit(issue, fieldsOf(request.body) ?? {});
    events('jira:issue_updated', issue, changes);
    return { status: 204 };
  }
  if (sub === 'transitions' && method === 'GET') return { status: 200, body: transitionsJson(site, issue, request) };
  if (sub === 'transitions' && method === 'POST') {
    const id = (request.body as { transition?: { id?: unknown } } | null)?.transition?.id;
    if (typeof id !== 'string') throw new FieldErrors({}, ["'transition' identifier must be specified."]);
    const changes = site.transition(issue, id, fieldsOf(request.body) ?? {});
    events('jira:issue_updated', issue, changes);
    return { status: 204 };
  }
  if (sub === 'comment' && method === 'POST') {
    const body = (request.body as { body?: unknown } | null)?.body;
    if (body === null || typeof body !== 'object' || (body as { type?: unknown }).type !== 'doc') throw new FieldErrors({ comment: 'Comment body can not be empty!' });
    const comment = site.comment(issue, body);
    events('jira:issue_updated', issue, []);
    return { status: 201, body: commentJson(origin, issue, comment) };
  }
  if (sub === 'comment' && method === 'GET') {
    const comments = issue.comments.map((c) => commentJson(origin, issue, c));
    return { status: 200, body: { startAt: 0, maxResults: comments.length, total: comments.length, comments } };
  }
  return undefined;
}

import type { Clock } from '@patchbay/types';
import { FieldErrors } from './answers.ts';
import { checkFields, type Change } from './field-rules.ts';
import { seededIssue } from './seeded-issue.ts';
import { DEFAULT_CUSTOM_FIELDS, RESOLUTIONS, STATUSES, TRANSITION_IDS, type CustomField, type SiteUser } from './site-data.ts';
import { PROJECT, type StoredComment, type StoredIssue } from './stored-issue.ts';

export interface SiteOptions {
  readonly clock: Clock;
  /** The API account's time zone (GET /rest/api/3/myself), in which JQL dates are read. Default UTC. */
  readonly timeZone?: string;
  readonly customFields?: Readonly<Record<string, CustomField>>;
  /** From-status → the statuses it may move to (default: the simplified workflow, every status to every other). */
  readonly workflow?: Readonly<Record<string, readonly string[]>>;
  /** The Done transition's screen asks for a resolution (as on classic workflows); otherwise Done sets resolution Done. */
  readonly resolutionScreen?: boolean;
}

/** One item of a Jira changelog, as webhooks carry it. */
export interface ChangeItem {
  readonly field: string;
  readonly fieldtype: 'jira' | 'custom';
  readonly fieldId: string;
  readonly from: string | null;
  readonly fromString: string | null;
  readonly to: string | null;
  readonly toString: string | null;
}

export interface SiteTransition {
  readonly id: string;
  readonly name: string;
  readonly to: string;
}

/** The simulated Jira site's state: issues with their comments, the workflow, and the API account. */
export class JiraSite {
  readonly issues = new Map<string, StoredIssue>();
  readonly customFields: Readonly<Record<string, CustomField>>;
  readonly me: SiteUser = { accountId: '712020:5f7b1c2e-patchbay-integration', displayName: 'Patchbay Integration', emailAddress: 'patchbay@example.com', accountType: 'atlassian' };
  readonly #options: SiteOptions;
  #number = 0;
  #comments = 10_000;

  constructor(options: SiteOptions) {
    this.#options = options;
    this.customFields = options.customFields ?? DEFAULT_CUSTOM_FIELDS;
  }

  get timeZone(): string {
    return this.#options.timeZone ?? 'UTC';
  }

  now(): number {
    return this.#options.clock.now().getTime();
  }

  /** By key or numeric id. */
  find(keyOrId: string): StoredIssue | undefined {
    return this.issues.get(keyOrId.toUpperCase()) ?? [...this.issues.values()].find((i) => i.id === keyOrId);
  }

  #add(init: Omit<StoredIssue, 'id' | 'key' | 'project' | 'number' | 'comments'>): StoredIssue {
    this.#number += 1;
    const issue: StoredIssue = { ...init, id: String(10_000 + this.#number), key: `${PROJECT.key}-${this.#number}`, project: PROJECT.key, number: this.#number, comments: [] };
    this.issues.set(issue.key, issue);
    return issue;
  }

  #seedOne(index: number, updated: number): StoredIssue {
    return this.#add(seededIssue(index, updated));
  }

  /** `count` issues updated before now, oldest first; with `boundaryEvery`, the last of each page and the first of the next share a time. */
  seed(count: number, boundaryEvery?: number): void {
    const start = this.now() - (count + 1) * 97_000;
    let previous = 0;
    for (let i = 0; i < count; i += 1) {
      const at = boundaryEvery !== undefined && i > 0 && i % boundaryEvery === 0 ? previous : start + i * 97_000 + (i % 7) * 131;
      this.#seedOne(this.issues.size, at);
      previous = at;
    }
  }

  /** Creates an issue from a create request's `fields`, as the API account (POST /rest/api/3/issue). */
  create(fields: Readonly<Record<string, unknown>>): StoredIssue {
    const change = checkFields(fields, this.customFields, 'create');
    const now = this.now();
    const issue = this.#add({ summary: '', description: null, status: 'To Do', priority: 'Medium', labels: [], issueType: 'Task', created: now, updated: now, assignee: null, reporter: this.me, resolution: null, resolutionDate: null, duedate: null, custom: {} });
    this.#apply(issue, change);
    issue.updated = now;
    return issue;
  }

  /** Sets fields of an issue (PUT /rest/api/3/issue/{key}); returns the changelog. */
  edit(issue: StoredIssue, fields: Readonly<Record<string, unknown>>): ChangeItem[] {
    const before = { ...issue, labels: [...issue.labels], custom: { ...issue.custom } };
    this.#apply(issue, checkFields(fields, this.customFields, 'edit'));
    issue.updated = this.now();
    const items: ChangeItem[] = [];
    if (before.summary !== issue.summary) items.push({ field: 'summary', fieldtype: 'jira', fieldId: 'summary', from: null, fromString: before.summary, to: null, toString: issue.summary });
    if (before.priority !== issue.priority) items.push({ field: 'priority', fieldtype: 'jira', fieldId: 'priority', from: null, fromString: before.priority, to: null, toString: issue.priority });
    if (before.labels.join(' ') !== issue.labels.join(' ')) items.push({ field: 'labels', fieldtype: 'jira', fieldId: 'labels', from: null, fromString: before.labels.join(' '), to: null, toString: issue.labels.join(' ') });
    return items;
  }

  #apply(issue: StoredIssue, change: Change): void {
    if (change.summary !== undefined) issue.summary = change.summary;
    if (change.description !== undefined) issue.description = change.description;
    if (change.priority !== undefined) issue.priority = change.priority;
    if (change.labels !== undefined) issue.labels = [...change.labels];
    if (change.issueType !== undefined) issue.issueType = change.issueType;
    if (change.assignee !== undefined) issue.assignee = change.assignee;
    if (change.duedate !== undefined) issue.duedate = change.duedate;
    Object.assign(issue.custom, change.custom);
  }

  /** The transitions the workflow offers from the issue's status: the global transition of each other allowed status. */
  transitions(issue: StoredIssue): SiteTransition[] {
    const allowed = this.#options.workflow?.[issue.status] ?? STATUSES.map((s) => s.name).filter((name) => name !== issue.status);
    return allowed.map((to) => ({ id: TRANSITION_IDS[to] ?? to, name: to, to }));
  }

  get resolutionScreen(): boolean {
    return this.#options.resolutionScreen === true;
  }

  /** Performs a transition of the workflow (POST /rest/api/3/issue/{key}/transitions); returns the changelog. */
  transition(issue: StoredIssue, transitionId: string, fields: Readonly<Record<string, unknown>> = {}): ChangeItem[] {
    const transition = this.transitions(issue).find((t) => t.id === transitionId);
    if (!transition) throw new FieldErrors({}, [`Transition id '${transitionId}' is not valid for this issue.`]);
    const resolution = (fields['resolution'] as { id?: string; name?: string } | undefined) ?? undefined;
    const named = resolution ? RESOLUTIONS.find((r) => r.id === resolution.id || r.name === resolution.name) : undefined;
    if (resolution && !named) throw new FieldErrors({ resolution: `Resolution '${resolution.name ?? resolution.id}' is not valid.` });
    if (this.resolutionScreen && transition.to === 'Done' && !named) throw new FieldErrors({ resolution: 'Resolution is required.' });
    return this.setStatus(issue, transition.to, named?.name);
  }

  /** Moves the issue to a status, as a person does on the board; done statuses set a resolution, others clear it. */
  setStatus(issue: StoredIssue, status: string, resolution?: string): ChangeItem[] {
    const target = STATUSES.find((s) => s.name.toLowerCase() === status.toLowerCase());
    if (!target) throw new Error(`The simulated site has no status "${status}" (it has ${STATUSES.map((s) => s.name).join(', ')})`);
    const from = STATUSES.find((s) => s.name === issue.status)!;
    const items: ChangeItem[] = [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from: from.id, fromString: from.name, to: target.id, toString: target.name }];
    const newResolution = target.category === 'done' ? (resolution ?? issue.resolution ?? 'Done') : null;
    if (newResolution !== issue.resolution) items.push({ field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: null, fromString: issue.resolution, to: null, toString: newResolution });
    const now = this.now();
    issue.status = target.name;
    issue.resolution = newResolution;
    issue.resolutionDate = newResolution === null ? null : now;
    issue.updated = now;
    return items;
  }

  /** Adds a comment (POST /rest/api/3/issue/{key}/comment); the issue's updated time moves, as in Jira. */
  comment(issue: StoredIssue, body: unknown, author: SiteUser = this.me): StoredComment {
    this.#comments += 1;
    const comment = { id: String(this.#comments), body, author, created: this.now() };
    issue.comments.push(comment);
    issue.updated = comment.created;
    return comment;
  }

  /** Changes between runs: new issues, updated ones (oldest update first), deleted ones. */
  mutate(change: { create?: number; update?: number; delete?: number }): void {
    const byUpdate = [...this.issues.values()].sort((a, b) => a.updated - b.updated || a.number - b.number);
    for (const issue of byUpdate.slice(0, change.update ?? 0)) {
      issue.summary = `${issue.summary} (updated)`;
      issue.updated = this.now();
    }
    if ((change.delete ?? 0) > 0) for (const issue of byUpdate.slice(-(change.delete ?? 0))) this.issues.delete(issue.key);
    for (let i = 0; i < (change.create ?? 0); i += 1) this.#seedOne(this.issues.size + i, this.now());
  }
}

import { FieldErrors } from './answers.ts';
import { ISSUE_TYPES, PRIORITIES, USERS, type CustomField, type SiteUser } from './site-data.ts';
import { PROJECT } from './stored-issue.ts';

/** The checked values of a create or edit request. */
export interface Change {
  summary?: string;
  description?: unknown;
  priority?: string;
  labels?: string[];
  issueType?: string;
  assignee?: SiteUser | null;
  duedate?: string | null;
  custom: Record<string, unknown>;
}

type Ref = { readonly id?: unknown; readonly name?: unknown; readonly key?: unknown } | null | undefined;
const ref = (value: unknown): Ref => (value !== null && typeof value === 'object' ? (value as Ref) : undefined);
const isAdf = (value: unknown) => value !== null && typeof value === 'object' && (value as { type?: unknown }).type === 'doc' && Array.isArray((value as { content?: unknown }).content);
const cannotSet = (field: string) => `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;

function checkCustom(field: string, value: unknown, definition: CustomField | undefined, errors: Record<string, string>, custom: Record<string, unknown>): void {
  if (!definition) errors[field] = cannotSet(field);
  else if (value === null) custom[field] = null;
  else if (definition.type === 'number' && typeof value !== 'number') errors[field] = 'Operation value must be a number.';
  else if (definition.type === 'string' && typeof value !== 'string') errors[field] = 'Operation value must be a string.';
  else if (definition.type === 'array' && !Array.isArray(value)) errors[field] = 'Operation value must be an array.';
  else custom[field] = value;
}

/**
 * Checks the `fields` of a create or edit request the way Jira answers them: 400 with `errors` keyed by
 * field and Jira's messages (summary required and at most 255 characters, priority, issue type and project
 * by id or name, labels without spaces, ADF for rich text, known accounts, custom fields of the right type,
 * and "cannot be set" for any other field).
 */
export function checkFields(fields: Readonly<Record<string, unknown>>, customFields: Readonly<Record<string, CustomField>>, mode: 'create' | 'edit'): Change {
  const errors: Record<string, string> = {};
  const change: Change = { custom: {} };
  for (const [field, value] of Object.entries(fields)) {
    switch (field) {
      case 'project': {
        const p = ref(value);
        if (mode === 'edit') errors[field] = cannotSet(field);
        else if (!p || (p.key !== PROJECT.key && p.id !== PROJECT.id)) errors[field] = 'valid project is required';
        break;
      }
      case 'issuetype': {
        const t = ISSUE_TYPES.find((type) => type.id === ref(value)?.id || type.name === ref(value)?.name);
        if (mode === 'edit' || !t) errors[field] = mode === 'edit' ? cannotSet(field) : 'The issue type selected is invalid.';
        else change.issueType = t.name;
        break;
      }
      case 'summary':
        if (typeof value !== 'string' || value.trim() === '') errors[field] = 'You must specify a summary of the issue.';
        else if (value.length > 255) errors[field] = 'Summary must be less than 255 characters.';
        else change.summary = value;
        break;
      case 'description':
      case 'environment':
        if (value !== null && !isAdf(value)) errors[field] = 'Operation value must be an Atlassian Document (see the Atlassian Document Format).';
        else if (field === 'description') change.description = value;
        break;
      case 'priority': {
        const p = PRIORITIES.find((priority) => priority.id === ref(value)?.id || priority.name === ref(value)?.name);
        if (!p) errors[field] = "Specify a valid 'id' or 'name' for Priority";
        else change.priority = p.name;
        break;
      }
      case 'labels': {
        const bad = Array.isArray(value) ? value.find((l) => typeof l !== 'string' || /\s/.test(l) || l === '') : value;
        if (!Array.isArray(value) || bad !== undefined) errors[field] = `The label '${String(bad)}' contains spaces which is invalid.`;
        else change.labels = value as string[];
        break;
      }
      case 'assignee': {
        const accountId = value !== null && typeof value === 'object' ? (value as { accountId?: unknown }).accountId : undefined;
        const user = USERS.find((u) => u.accountId === accountId);
        if (value !== null && !user) errors[field] = `User '${String(accountId)}' does not exist.`;
        else change.assignee = user ?? null;
        break;
      }
      case 'duedate':
        if (value !== null && (typeof value !== 'string' || !/^\d{4}-\d\d-\d\d$/.test(value))) errors[field] = "Error parsing date string: " + String(value);
        else change.duedate = value as string | null;
        break;
      case 'components':
      case 'fixVersions':
        if (!Array.isArray(value) || value.length > 0) errors[field] = `${field === 'components' ? 'Component' : 'Version'} name '${JSON.stringify(value)}' is not valid`;
        break;
      default:
        if (/^customfield_\d+$/.test(field)) checkCustom(field, value, customFields[field], errors, change.custom);
        else errors[field] = cannotSet(field);
    }
  }
  if (mode === 'create') {
    if (fields['project'] === undefined) errors['project'] = 'Specify a valid project ID or key';
    if (fields['issuetype'] === undefined) errors['issuetype'] = 'Specify an issue type';
    if (fields['summary'] === undefined) errors['summary'] = 'You must specify a summary of the issue.';
  }
  if (Object.keys(errors).length > 0) throw new FieldErrors(errors);
  return change;
}

import type { DeclarationIssues } from './issues.ts';

/** Lowercase kebab-case: `crowdstrike-falcon`, `system-log`. */
export const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** Verb-noun kebab-case, at least two words: `contain-host`, `lift-containment`. */
export const VERB_NOUN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/;
/** Credential field names as the vault stores them: `api_key`, `client_secret`. */
export const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
/** Semantic Versioning 2.0.0 (semver.org), without a leading `v`. */
export const SEMVER =
  /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*)?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;

const MAX_NAME = 64;

export function checkKebabName(issues: DeclarationIssues, field: string, value: unknown, what: string, example: string): void {
  if (typeof value !== 'string' || !KEBAB_CASE.test(value) || value.length > MAX_NAME) {
    issues.add(field, `${what} ${JSON.stringify(value)} is not lowercase kebab-case (at most ${MAX_NAME} characters)`, `Use a name like "${example}".`);
  }
}

export function checkActionName(issues: DeclarationIssues, field: string, value: unknown): void {
  if (typeof value !== 'string' || !VERB_NOUN.test(value) || value.length > MAX_NAME) {
    issues.add(field, `action name ${JSON.stringify(value)} is not verb-noun kebab-case`, 'Use a verb then a noun, like "contain-host" or "create-ticket".');
  }
}

export function checkSemver(issues: DeclarationIssues, field: string, value: unknown): void {
  if (typeof value !== 'string' || !SEMVER.test(value)) {
    issues.add(field, `${JSON.stringify(value)} is not a semantic version`, 'Use MAJOR.MINOR.PATCH, like "1.2.0".');
  }
}

/** A required, trimmed, single-purpose text such as a name or title. */
export function checkText(issues: DeclarationIssues, field: string, value: unknown, max: number): void {
  if (typeof value !== 'string' || value.trim() === '') {
    issues.add(field, 'must be a non-empty string');
  } else if (value.length > max) {
    issues.add(field, `is longer than ${max} characters`);
  } else if (value !== value.trim()) {
    issues.add(field, 'has leading or trailing spaces');
  }
}

/** Vendor permission or scope names: non-empty, trimmed, no duplicates. */
export function checkPermissions(issues: DeclarationIssues, field: string, value: unknown): void {
  if (!Array.isArray(value)) {
    issues.add(field, 'must be a list of vendor permission or scope names (an empty list when none is needed)');
    return;
  }
  const seen = new Set<string>();
  value.forEach((permission: unknown, index) => {
    checkText(issues, `${field}[${index}]`, permission, 200);
    if (typeof permission !== 'string') return;
    if (seen.has(permission)) issues.add(`${field}[${index}]`, `permission "${permission}" is listed twice`);
    seen.add(permission);
  });
}

export function checkHttpsUrl(issues: DeclarationIssues, field: string, value: unknown): void {
  if (typeof value !== 'string' || !URL.canParse(value) || new URL(value).protocol !== 'https:') {
    issues.add(field, `${JSON.stringify(value)} is not an https URL`);
  }
}

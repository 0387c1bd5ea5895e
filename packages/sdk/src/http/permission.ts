/** Finds which permission (scope, role, right) a 403 says is missing, from headers or body. */

const BODY_FIELDS = [
  'required_scope',
  'required_scopes',
  'requiredScope',
  'requiredScopes',
  'missing_scope',
  'missing_scopes',
  'missingScopes',
  'required_permission',
  'required_permissions',
  'requiredPermission',
  'requiredPermissions',
  'missing_permissions',
  'missingPermissions',
];

const PHRASE =
  /\b(?:missing|required?|requires|lacks?|needs?|insufficient)\b[^.:;\n]{0,40}?\b(?:scopes?|permissions?|privileges?|roles?|rights?)\b\s*(?:[:=]|is|are)?\s*['"`[(]?([A-Za-z][\w.:/-]*)/i;

/** A permission-looking token: has a separator or a capital, so "to" or "access" are not taken. */
function looksLikePermission(token: string): boolean {
  return token.length >= 3 && /[.:_/-]|[A-Z]/.test(token);
}

function fromJson(value: unknown, depth = 0): string | undefined {
  if (depth > 3 || value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  for (const field of BODY_FIELDS) {
    const found = record[field];
    if (typeof found === 'string' && found !== '') return found;
    if (Array.isArray(found) && found.length > 0) return found.map(String).join(', ');
  }
  for (const nested of Object.values(record)) {
    const found = fromJson(nested, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function findMissingPermission(headers: Headers, bodyText: string): string | undefined {
  const challenge = headers.get('www-authenticate');
  if (challenge && /insufficient_scope/i.test(challenge)) {
    const scope = /\bscope="([^"]+)"/i.exec(challenge)?.[1];
    if (scope) return scope;
  }
  const accepted = headers.get('x-accepted-oauth-scopes');
  if (accepted) return accepted;
  if (bodyText === '') return undefined;
  try {
    const found = fromJson(JSON.parse(bodyText));
    if (found) return found;
  } catch {
    // not JSON: read it as text below
  }
  const token = PHRASE.exec(bodyText)?.[1]?.replace(/[.,;)'"`\]]+$/, '');
  return token && looksLikePermission(token) ? token : undefined;
}

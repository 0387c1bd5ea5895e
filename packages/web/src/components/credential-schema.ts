/**
 * How the wizard turns a connector's declared auth method into the vault's auth config: the credential
 * fields the connector declares, plus what the vault needs besides them (where an API key goes, the token
 * endpoint of a client-credentials grant), prefilled from the method's settings.
 */
export interface AuthMethodView {
  readonly type: string;
  readonly title: string | null;
  readonly description: string | null;
  readonly schema: Record<string, unknown>;
  readonly settings: Record<string, unknown>;
}

type JsonSchema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>>; required?: string[] };

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The credential form's schema: the declared fields, plus the vault's own for this method. */
export function credentialSchema(method: AuthMethodView, configuration: Record<string, unknown> = {}): JsonSchema {
  const declared = method.schema as JsonSchema;
  const properties: Record<string, Record<string, unknown>> = { ...(declared.properties ?? {}) };
  const required = [...(declared.required ?? [])];
  if (method.type === 'api_key') {
    const query = method.settings.in === 'query';
    const name = str(method.settings.name) ?? (query ? 'api_key' : 'X-API-Key');
    const field = query ? 'query_param' : 'header_name';
    properties[field] = { type: 'string', title: query ? 'Query parameter' : 'Header name', description: `Where the key is sent (the connector's default is ${name})`, default: name, minLength: 1 };
    required.push(field);
  }
  if (method.type === 'oauth2_client_credentials' && !properties.token_url) {
    const fromSettings = str(method.settings.tokenUrl) ?? str(method.settings.token_url) ?? str(configuration.token_url);
    properties.token_url = { type: 'string', format: 'uri', title: 'Token URL', description: 'The OAuth2 token endpoint of the vendor', ...(fromSettings ? { default: fromSettings } : {}) };
    required.push('token_url');
    properties.scopes = { type: 'string', title: 'Scopes', description: 'Space-separated, when the vendor wants them' };
  }
  const { $schema: _ignored, ...rest } = declared;
  return { ...rest, type: 'object', properties, required: [...new Set(required)], additionalProperties: false };
}

/** Names of the fields a form must mask (declared secret: `writeOnly` or `format: password`). */
export function secretFields(schema: JsonSchema): string[] {
  return Object.entries(schema.properties ?? {})
    .filter(([, p]) => p.writeOnly === true || p.format === 'password')
    .map(([name]) => name);
}

/** The auth config body for POST /api/integration/auth-configs: empty optional fields left out, scopes as a list. */
export function credentialPayload(method: AuthMethodView, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    if (key === 'scopes' && typeof value === 'string') {
      const scopes = value.split(/\s+/).filter(Boolean);
      if (scopes.length) out.scopes = scopes;
      continue;
    }
    out[key] = value;
  }
  if (method.type === 'api_key' && out.header_name === undefined && out.query_param === undefined) out.header_name = str(method.settings.name) ?? 'X-API-Key';
  return out;
}

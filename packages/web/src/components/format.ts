/** "3 min ago", "in 2 h", "just now": a time relative to now, for lists; the exact time goes in a title. */
export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  const future = seconds < 0;
  const s = Math.abs(seconds);
  if (s < 10) return 'just now';
  const [n, unit] = s < 60 ? [s, 's'] : s < 3600 ? [Math.floor(s / 60), 'min'] : s < 86_400 ? [Math.floor(s / 3600), 'h'] : [Math.floor(s / 86_400), 'd'];
  return future ? `in ${n} ${unit}` : `${n} ${unit} ago`;
}

/** 1234 → "1,234"; 1_234_567 → "1.2M". */
export function count(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 10_000) return `${(n / 1000).toFixed(1)}k`;
  return n.toLocaleString('en');
}

export function exact(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '';
}

/** A category id as a heading: `cloud-security` → "Cloud security", with the acronyms security teams use. */
export function categoryName(category: string): string {
  const known: Record<string, string> = { edr: 'EDR', siem: 'SIEM', identity: 'Identity & access', vulnerability: 'Vulnerability management', 'cloud-security': 'Cloud security', ticketing: 'Ticketing', other: 'Any API & webhooks' };
  return known[category] ?? category.replace(/[-_]/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export function authMethodName(method: string): string {
  const known: Record<string, string> = { api_key: 'API key', basic: 'Username & password', bearer: 'Bearer token', oauth2_client_credentials: 'OAuth2 client credentials', oauth2_authorization_code: 'OAuth2 authorization code', aws: 'AWS keys / role', azure_ad: 'Azure AD app', jwt_bearer: 'JWT bearer', client_certificate: 'Client certificate', hmac: 'HMAC signature', none: 'None' };
  return known[method] ?? method;
}

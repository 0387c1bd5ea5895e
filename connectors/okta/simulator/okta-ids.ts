/** Okta-shaped ids: a 3-character type prefix and 17 more characters (`00u...` users, `00g...` groups, `0oa...` apps). */
export function oktaId(prefix: '00u' | '00g' | '0oa', n: number): string {
  return `${prefix}${n.toString(36).padStart(9, '0')}sim0h7`.padEnd(20, 'x');
}

/** A version-1-looking uuid for log event n, ordered like n. */
export function eventUuid(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-11ef-9caa-cd5d09945def`;
}

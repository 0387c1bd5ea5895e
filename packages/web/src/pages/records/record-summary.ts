/** A one-line summary of an OCSF record for lists: its title, message, host, user or vulnerability. */
export function recordSummary(data: Record<string, unknown>): string {
  const get = (path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
  for (const path of ['finding_info.title', 'message', 'device.hostname', 'user.name', 'user.email_addr', 'group.name', 'vulnerabilities.0.title', 'vulnerabilities.0.cve.uid', 'metadata.uid']) {
    const v = get(path);
    if (typeof v === 'string' && v.trim()) return v;
    if (typeof v === 'number') return String(v);
  }
  return '(no title)';
}

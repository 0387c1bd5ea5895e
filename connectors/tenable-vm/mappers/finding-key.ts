import type { TenableVulnerability } from '../types.ts';

/**
 * A finding's stable id: Tenable identifies a finding by its asset, plugin, port and protocol
 * (https://developer.tenable.com/docs/tenableio-integrations, "Data Model"). Exports before 2023 carry
 * no `finding_id`, so the key is built from those four.
 */
export function findingKey(vuln: TenableVulnerability): string {
  const port = vuln.port ?? {};
  return `${vuln.asset.uuid}:${vuln.plugin.id}:${port.port ?? 0}:${String(port.protocol ?? '').toUpperCase()}`;
}

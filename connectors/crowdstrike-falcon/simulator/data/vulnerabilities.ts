import type { VulnerabilityRecord } from '../../mappers/vulnerability.ts';
import { hexId, SIMULATED_CID, type RecordKind } from './collection.ts';

const CVES = [
  { id: 'CVE-2021-44228', base_score: 10, severity: 'CRITICAL', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', app: 'log4j-core 2.14.1' },
  { id: 'CVE-2023-4863', base_score: 8.8, severity: 'HIGH', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', app: 'Google Chrome 116.0.5845.141' },
  { id: 'CVE-2022-22965', base_score: 9.8, severity: 'CRITICAL', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', app: 'spring-beans 5.3.17' },
  { id: 'CVE-2023-38545', base_score: 7.5, severity: 'HIGH', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', app: 'curl 8.3.0' },
  { id: 'CVE-2019-0708', base_score: 4.3, severity: 'MEDIUM', vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:N/A:N', app: 'Remote Desktop Services' },
] as const;
const STATUSES = ['open', 'closed', 'reopen'] as const;

/**
 * Simulated Spotlight vulnerabilities with the cve, host_info and remediation facets (hand-written from
 * the documented fields: https://developer.crowdstrike.com/api-reference/collections/spotlight-vulnerabilities/).
 * An update moves the vulnerability to its next status (closed, reopened).
 */
export const vulnerabilityKind: RecordKind<VulnerabilityRecord> = {
  make(n, at, revision, previous) {
    const cve = CVES[n % CVES.length]!;
    const aid = hexId('d', (n % 5) + 1);
    const status = STATUSES[(revision - 1) % STATUSES.length]!;
    return {
      ...previous,
      id: `${aid}_${hexId('f', n)}`,
      cid: SIMULATED_CID,
      aid,
      created_timestamp: previous?.created_timestamp ?? at,
      updated_timestamp: at,
      ...(status === 'closed' ? { closed_timestamp: at } : {}),
      status,
      confidence: 'confirmed',
      vulnerability_id: cve.id,
      data_providers: [{ provider: 'Falcon sensor' }],
      apps: [{ product_name_version: cve.app, sub_status: status, remediation: { ids: [hexId('b', (n % CVES.length) + 1)] } }],
      suppression_info: { is_suppressed: false },
      cve: { id: cve.id, base_score: cve.base_score, severity: cve.severity, vector: cve.vector, exploit_status: 90, exprt_rating: cve.severity, description: `${cve.id} in ${cve.app}.`, published_date: '2023-01-15T00:00:00Z', references: [`https://nvd.nist.gov/vuln/detail/${cve.id}`] },
      host_info: { hostname: `host-${String((n % 5) + 1).padStart(4, '0')}`, local_ip: `10.1.0.${(n % 5) + 2}`, machine_domain: 'corp.example', os_version: 'Windows Server 2022', platform: 'Windows', product_type_desc: 'Server', groups: ['Servers'], tags: [] },
      remediation: { entities: [{ id: hexId('b', (n % CVES.length) + 1), title: `Update ${cve.app.split(' ')[0]}`, action: `Upgrade ${cve.app.split(' ')[0]} to the fixed release`, link: `https://nvd.nist.gov/vuln/detail/${cve.id}` }] },
    };
  },
  key: (vuln) => vuln.id,
  time: (vuln) => vuln.updated_timestamp,
};

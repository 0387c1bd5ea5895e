import type { RecordFactory } from './dataset.ts';

/**
 * Hand-written record factories in the shapes the vendor documents (Graph alert and incident resources,
 * Defender for Endpoint Machine and software vulnerability assessment rows). Ids are stable per serial.
 */
export const TENANT_ID = '0d5bc4e8-9c1f-4a7e-8f55-6b2a2f0c9e11';

const iso = (ms: number) => new Date(ms).toISOString();
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const SEVERITIES = ['informational', 'low', 'medium', 'high'] as const;
const PLATFORMS = ['Windows11', 'Windows10', 'WindowsServer2022', 'Linux', 'macOS'] as const;

export const machineId = (n: number) => `${hex(n, 8)}${'a1b2c3d4'.repeat(4)}`;

export const alertRecord: RecordFactory<Record<string, unknown>> = (n, createdAt, at, revision) => {
  const id = `da${hex(n, 16)}_-${hex(n * 7919, 8)}`;
  const device = machineId((n % 5) + 1);
  return {
    id,
    record: {
      '@odata.type': '#microsoft.graph.security.alert',
      id,
      providerAlertId: `${hex(n, 16)}_-${hex(n * 31, 8)}`,
      incidentId: String(1000 + (n % 7)),
      status: revision > 1 ? 'inProgress' : 'new',
      severity: SEVERITIES[n % SEVERITIES.length],
      classification: null,
      determination: null,
      serviceSource: 'microsoftDefenderForEndpoint',
      detectionSource: 'antivirus',
      productName: 'Microsoft Defender for Endpoint',
      detectorId: `detector-${n % 3}`,
      tenantId: TENANT_ID,
      title: `Suspicious PowerShell command line ${n}`,
      description: `A suspicious PowerShell command line ran on device ${n % 5}; revision ${revision}.`,
      recommendedActions: 'Review the process tree and isolate the device if the activity is unexpected.',
      category: 'Execution',
      assignedTo: null,
      alertWebUrl: `https://security.microsoft.com/alerts/${id}?tid=${TENANT_ID}`,
      incidentWebUrl: `https://security.microsoft.com/incidents/${1000 + (n % 7)}?tid=${TENANT_ID}`,
      actorDisplayName: null,
      threatDisplayName: null,
      threatFamilyName: null,
      mitreTechniques: ['T1059.001'],
      createdDateTime: iso(createdAt),
      lastUpdateDateTime: iso(at),
      resolvedDateTime: null,
      firstActivityDateTime: iso(createdAt - 60_000),
      lastActivityDateTime: iso(createdAt),
      comments: [],
      evidence: [
        {
          '@odata.type': '#microsoft.graph.security.deviceEvidence',
          createdDateTime: iso(createdAt),
          verdict: 'suspicious',
          remediationStatus: 'none',
          remediationStatusDetails: null,
          roles: [],
          tags: [],
          mdeDeviceId: device,
          deviceDnsName: `ws-${(n % 5) + 1}.contoso.test`,
          azureAdDeviceId: `7f0c${hex(n % 5, 4)}-1111-4222-8333-444455556666`,
          osPlatform: 'Windows11',
        },
      ],
    },
  };
};

export const incidentRecord: RecordFactory<Record<string, unknown>> = (n, createdAt, at, revision) => {
  const id = String(2000 + n);
  return {
    id,
    record: {
      '@odata.type': '#microsoft.graph.security.incident',
      id,
      tenantId: TENANT_ID,
      status: revision > 1 ? 'inProgress' : 'active',
      incidentWebUrl: `https://security.microsoft.com/incidents/${id}?tid=${TENANT_ID}`,
      redirectIncidentId: null,
      displayName: `Multi-stage incident involving Execution on ${(n % 4) + 1} endpoints`,
      description: `Correlated alerts, revision ${revision}.`,
      createdDateTime: iso(createdAt),
      lastUpdateDateTime: iso(at),
      assignedTo: null,
      classification: 'unknown',
      determination: 'unknown',
      severity: SEVERITIES[n % SEVERITIES.length],
      customTags: ['simulated'],
      comments: [],
    },
  };
};

export const machineRecord: RecordFactory<Record<string, unknown>> = (n, createdAt, at, revision) => {
  const id = machineId(n);
  const platform = PLATFORMS[n % PLATFORMS.length]!;
  return {
    id,
    record: {
      id,
      computerDnsName: `ws-${n}.contoso.test`,
      firstSeen: iso(createdAt),
      lastSeen: iso(at),
      osPlatform: platform,
      osVersion: platform === 'Linux' ? '22.04' : null,
      osProcessor: 'x64',
      version: '22H2',
      lastIpAddress: `10.0.${n % 250}.${(n * 7) % 250}`,
      lastExternalIpAddress: `203.0.113.${n % 250}`,
      agentVersion: `10.8${revision}00.22621.1`,
      osBuild: 22621,
      healthStatus: 'Active',
      deviceValue: 'Normal',
      rbacGroupId: 140,
      rbacGroupName: 'Workstations',
      riskScore: ['None', 'Low', 'Medium', 'High'][n % 4],
      exposureLevel: 'Medium',
      isAadJoined: true,
      aadDeviceId: `80fe8ff8-${hex(n, 4)}-4f2c-9b6a-0123456789ab`,
      machineTags: ['simulated'],
      defenderAvStatus: 'Updated',
      onboardingStatus: 'Onboarded',
      osArchitecture: '64-bit',
      managedBy: 'Intune',
      managedByStatus: 'Success',
      ipAddresses: [{ ipAddress: `10.0.${n % 250}.${(n * 7) % 250}`, macAddress: `001DD8B7${hex(n % 256, 2)}36`.toUpperCase(), type: 'Ethernet', operationalStatus: 'Up' }],
      vmMetadata: null,
    },
  };
};

/** `2026-04-30 10:00:00.0000000`: the export's zone-less UTC format. */
const exportTime = (ms: number) => `${iso(ms).slice(0, 19).replace('T', ' ')}.0000000`;
const SOFTWARE = [
  ['microsoft', 'edge', '118.0.2088.46', 'CVE-2023-5217'],
  ['google', 'chrome', '117.0.5938.62', 'CVE-2023-4863'],
  ['openssl', 'openssl', '3.0.7', 'CVE-2023-0286'],
] as const;
const LEVELS = ['Low', 'Medium', 'High', 'Critical'] as const;

export const vulnerabilityRecord: RecordFactory<Record<string, unknown>> = (n, createdAt, at) => {
  const [vendor, name, version, cve] = SOFTWARE[n % SOFTWARE.length]!;
  const device = machineId(n);
  const id = `${device}_${vendor}_${name}_${version}_${cve}`;
  return {
    id,
    record: {
      id,
      deviceId: device,
      rbacGroupName: 'Workstations',
      deviceName: `ws-${n}.contoso.test`,
      osPlatform: 'Windows11',
      osVersion: '10.0.22621',
      osArchitecture: 'x64',
      softwareVendor: vendor,
      softwareName: name,
      softwareVersion: version,
      cveId: cve,
      vulnerabilitySeverityLevel: LEVELS[n % LEVELS.length],
      recommendedSecurityUpdate: name === 'edge' ? 'October 2023 Security Updates' : null,
      recommendedSecurityUpdateId: name === 'edge' ? 'KB5031354' : null,
      recommendedSecurityUpdateUrl: name === 'edge' ? 'https://support.microsoft.com/help/5031354' : null,
      diskPaths: [`C:\\Program Files\\${name}\\${name}.exe`],
      registryPaths: [],
      firstSeenTimestamp: exportTime(createdAt),
      lastSeenTimestamp: exportTime(at),
      exploitabilityLevel: 'ExploitIsPublic',
      recommendationReference: `va-_-${vendor}-_-${name}`,
      securityUpdateAvailable: name === 'edge',
      cvssScore: 8.8,
    },
  };
};

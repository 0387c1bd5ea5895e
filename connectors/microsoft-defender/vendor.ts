/**
 * The vendor's record shapes, as the APIs document them (only the fields the connector reads are typed;
 * every other field is kept as received). Graph: microsoft.graph.security alert and incident resources.
 * Defender for Endpoint: the Machine entity and the software vulnerabilities assessment row.
 */

/** One evidence item of an alert: `@odata.type` names its kind (`#microsoft.graph.security.userEvidence`). */
export type GraphEvidence = Readonly<Record<string, unknown>>;

export interface GraphAlert {
  readonly id: string;
  readonly title?: string | null;
  readonly description?: string | null;
  readonly severity?: string | null;
  readonly status?: string | null;
  readonly classification?: string | null;
  readonly determination?: string | null;
  readonly createdDateTime?: string | null;
  readonly lastUpdateDateTime: string;
  readonly evidence?: readonly GraphEvidence[] | null;
  readonly [field: string]: unknown;
}

export interface GraphIncident {
  readonly id: string;
  readonly displayName?: string | null;
  readonly severity?: string | null;
  readonly status?: string | null;
  readonly createdDateTime?: string | null;
  readonly lastUpdateDateTime: string;
  readonly [field: string]: unknown;
}

export interface MdeIpAddress {
  readonly ipAddress?: string | null;
  readonly macAddress?: string | null;
  readonly type?: string | null;
  readonly operationalStatus?: string | null;
  readonly [field: string]: unknown;
}

export interface MdeMachine {
  readonly id: string;
  readonly computerDnsName?: string | null;
  readonly firstSeen?: string | null;
  readonly lastSeen?: string | null;
  readonly osPlatform?: string | null;
  readonly ipAddresses?: readonly MdeIpAddress[] | null;
  readonly [field: string]: unknown;
}

/** A row of the software vulnerabilities assessment: one per device, software version and CVE. */
export interface MdeSoftwareVulnerability {
  readonly id: string;
  readonly cveId: string;
  readonly deviceId: string;
  readonly deviceName?: string | null;
  readonly softwareVendor?: string | null;
  readonly softwareName?: string | null;
  readonly softwareVersion?: string | null;
  readonly vulnerabilitySeverityLevel?: string | null;
  readonly cvssScore?: number | null;
  readonly firstSeenTimestamp?: string | null;
  readonly lastSeenTimestamp: string;
  readonly [field: string]: unknown;
}

/** A Defender for Endpoint MachineAction (isolate / unisolate answer). */
export interface MdeMachineAction {
  readonly id: string;
  readonly type: string;
  readonly status: string;
  readonly machineId: string;
  readonly requestorComment?: string | null;
  readonly creationDateTimeUtc?: string | null;
  readonly [field: string]: unknown;
}

/** The OData error body both APIs answer with: `{ "error": { "code", "message", ... } }`. */
export interface ODataError {
  readonly error?: { readonly code?: string; readonly message?: string };
}

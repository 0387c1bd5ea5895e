/**
 * The Tenable Vulnerability Management records the streams yield, as the export and scan APIs return
 * them (shapes from the recorded sessions in ../shared/vendor/samples/tenable-pytenable-cassettes and
 * https://developer.tenable.com/reference/exports-vulns-download-chunk,
 * https://developer.tenable.com/reference/exports-assets-download-chunk,
 * https://developer.tenable.com/reference/scans-list). Only the fields the connector reads are typed;
 * every other field is carried through to `unmapped`.
 */

export interface TenableVulnAsset {
  readonly uuid: string;
  readonly hostname?: string;
  readonly fqdn?: string;
  readonly ipv4?: string;
  readonly ipv6?: string;
  readonly mac_address?: string;
  readonly netbios_name?: string;
  readonly operating_system?: readonly string[];
  readonly device_type?: string;
  readonly agent_uuid?: string;
  readonly bios_uuid?: string;
  readonly [field: string]: unknown;
}

export interface TenablePlugin {
  readonly id: number;
  readonly name?: string;
  readonly family?: string;
  readonly description?: string;
  readonly synopsis?: string;
  readonly solution?: string;
  readonly see_also?: readonly string[];
  readonly cve?: readonly string[];
  readonly cvss_base_score?: number;
  readonly cvss_vector?: { readonly raw?: string; readonly [field: string]: unknown };
  readonly cvss3_base_score?: number;
  readonly cvss3_vector?: { readonly raw?: string; readonly [field: string]: unknown };
  readonly has_patch?: boolean;
  readonly exploit_available?: boolean;
  readonly publication_date?: string;
  readonly modification_date?: string;
  readonly [field: string]: unknown;
}

/** One finding: a plugin on an asset at a port and protocol (Tenable's own definition of a finding). */
export interface TenableVulnerability {
  readonly asset: TenableVulnAsset;
  readonly plugin: TenablePlugin;
  readonly port: { readonly port?: number; readonly protocol?: string; readonly service?: string };
  readonly scan?: Readonly<Record<string, unknown>>;
  readonly severity: string;
  readonly severity_id?: number;
  readonly state: string;
  readonly first_found?: string;
  readonly last_found?: string;
  readonly last_fixed?: string;
  readonly output?: string;
  readonly finding_id?: string;
  readonly [field: string]: unknown;
}

export interface TenableAsset {
  readonly id: string;
  readonly created_at?: string;
  readonly updated_at?: string;
  readonly first_seen?: string | null;
  readonly last_seen?: string | null;
  readonly deleted_at?: string | null;
  readonly terminated_at?: string | null;
  readonly agent_uuid?: string | null;
  readonly bios_uuid?: string | null;
  readonly ipv4s?: readonly string[];
  readonly ipv6s?: readonly string[];
  readonly fqdns?: readonly string[];
  readonly hostnames?: readonly string[];
  readonly netbios_names?: readonly string[];
  readonly mac_addresses?: readonly string[];
  readonly operating_systems?: readonly string[];
  readonly system_types?: readonly string[];
  readonly agent_names?: readonly string[];
  readonly [field: string]: unknown;
}

/** One entry of `scans` in GET /scans: a scan configuration and the state of its latest run. */
export interface TenableScan {
  readonly id: number;
  readonly uuid?: string | null;
  readonly schedule_uuid?: string;
  readonly name: string;
  readonly status: string;
  readonly type?: string | null;
  readonly owner?: string;
  readonly enabled?: boolean;
  readonly control?: boolean;
  readonly user_permissions?: number;
  readonly creation_date?: number;
  readonly last_modification_date?: number;
  readonly starttime?: string | null;
  readonly timezone?: string | null;
  readonly rrules?: string | null;
  readonly [field: string]: unknown;
}

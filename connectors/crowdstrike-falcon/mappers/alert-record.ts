/**
 * An alert of the Alerts API v2 (`POST /alerts/entities/alerts/v2`), as far as the mapper reads it;
 * every other field is kept under `unmapped`. Field list:
 * https://developer.crowdstrike.com/api-reference/collections/alerts/ (PostEntitiesAlertsV2).
 */
export interface AlertDevice {
  readonly device_id?: string;
  readonly hostname?: string;
  readonly local_ip?: string;
  readonly external_ip?: string;
  readonly mac_address?: string;
  readonly platform_name?: string;
  readonly os_version?: string;
  readonly machine_domain?: string;
  readonly product_type_desc?: string;
  readonly [field: string]: unknown;
}

export interface ProcessDetails {
  readonly cmdline?: string;
  readonly filename?: string;
  readonly filepath?: string;
  readonly process_id?: string;
  readonly local_process_id?: string;
  readonly sha256?: string;
  readonly md5?: string;
  readonly user_name?: string;
  readonly [field: string]: unknown;
}

export interface AlertRecord {
  readonly composite_id: string;
  /** Always present in the Alerts API; absent only in adapted Event Streams events without a zoned time. */
  readonly updated_timestamp?: string;
  readonly id?: string;
  readonly aggregate_id?: string;
  readonly cid?: string;
  readonly created_timestamp?: string;
  readonly timestamp?: string;
  readonly name?: string;
  readonly display_name?: string;
  readonly description?: string;
  readonly severity?: number;
  readonly severity_name?: string;
  readonly confidence?: number;
  readonly status?: string;
  readonly type?: string;
  readonly product?: string;
  readonly pattern_id?: number | string;
  readonly tactic?: string;
  readonly tactic_id?: string;
  readonly technique?: string;
  readonly technique_id?: string;
  readonly falcon_host_link?: string;
  readonly device?: AlertDevice;
  readonly user_name?: string;
  readonly user_id?: string;
  readonly user_principal?: string;
  readonly filename?: string;
  readonly filepath?: string;
  readonly cmdline?: string;
  readonly sha256?: string;
  readonly sha1?: string;
  readonly md5?: string;
  readonly process_id?: string;
  readonly local_process_id?: string;
  readonly parent_details?: ProcessDetails;
  readonly pattern_disposition_description?: string;
  readonly pattern_disposition_details?: Readonly<Record<string, unknown>>;
  readonly assigned_to_name?: string;
  readonly assigned_to_uid?: string;
  readonly assigned_to_uuid?: string;
  readonly [field: string]: unknown;
}

/**
 * One notable event as the REST search API returns it (`output_mode=json`: every value a string, a
 * multivalue field a list of strings). The fields are Splunk Enterprise Security's notable event fields
 * ("Notable event fields", https://docs.splunk.com/Documentation/ES/latest/User/NotableEventFields, and
 * the `notable` macro, which adds the current status, owner and urgency from Incident Review:
 * https://docs.splunk.com/Documentation/ES/latest/Admin/Customizenotables). Every other field is kept
 * under `unmapped`.
 */
export interface NotableEvent {
  /** The notable's time, ISO 8601 with the user's zone (`2026-05-01T10:00:00.000+00:00`). */
  readonly _time: string;
  /** The notable's unique id (`<sid>@@notable@@<hash>`), as Incident Review keys it. */
  readonly event_id: string;
  readonly rule_id?: string;
  readonly rule_name?: string;
  readonly rule_title?: string;
  readonly rule_description?: string;
  /** The correlation search that raised it. */
  readonly search_name?: string;
  /** access, endpoint, network, threat, identity or audit. */
  readonly security_domain?: string;
  /** The correlation search's severity: informational, low, medium, high, critical. */
  readonly severity?: string;
  /** Severity weighed by the asset's and identity's priority: informational, low, medium, high, critical. */
  readonly urgency?: string;
  /** Status id (0 Unassigned, 1 New, 2 In Progress, 3 Pending, 4 Resolved, 5 Closed, or a custom one). */
  readonly status?: string;
  readonly status_label?: string;
  readonly status_description?: string;
  readonly owner?: string;
  readonly owner_realname?: string;
  /** `disposition:N` and its label (True Positive - Suspicious Activity, False Positive - …, Undetermined…). */
  readonly disposition?: string;
  readonly disposition_label?: string;
  readonly src?: string | readonly string[];
  readonly dest?: string | readonly string[];
  readonly user?: string | readonly string[];
  readonly src_user?: string | readonly string[];
  readonly 'annotations.mitre_attack'?: string | readonly string[];
  readonly [field: string]: unknown;
}

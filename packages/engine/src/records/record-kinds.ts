/**
 * Which OCSF classes each read API serves (OCSF 1.9.0-dev). `/api/records` serves every class, with an
 * optional `class_uid` filter; the dedicated endpoints are views over the same table.
 */
export const recordKinds = {
  /** Device inventory: Device Inventory Info. */
  assets: [5001],
  /** Vulnerability Finding. */
  vulnerabilities: [2002],
  /** Detection, compliance and the other findings: Security (deprecated), Compliance, Detection, Data Security, Application Security Posture, IAM Analysis. */
  findings: [2001, 2003, 2004, 2006, 2007, 2008],
  /** Incident Finding. */
  incidents: [2005],
  /** Users and groups: User Inventory Info, User Query, Admin Group Query. */
  identities: [5003, 5018, 5009],
} as const satisfies Record<string, readonly number[]>;

export type RecordKind = keyof typeof recordKinds | 'records';

export const classesOf = (kind: RecordKind): readonly number[] | undefined => (kind === 'records' ? undefined : recordKinds[kind]);

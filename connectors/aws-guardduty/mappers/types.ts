/**
 * GuardDuty's records as its API sends them (rest-json, camelCase; botocore guardduty/2017-11-28 shapes
 * `Finding` and `GetDetectorResponse`). Only the members the mappers read are typed; every other member
 * is kept as it came.
 */

export type Json = Readonly<Record<string, unknown>>;

/** One finding from GetFindings (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_Finding.html). */
export interface GuardDutyFinding extends Json {
  readonly id: string;
  readonly arn?: string;
  readonly accountId?: string;
  readonly region?: string;
  readonly partition?: string;
  readonly type?: string;
  readonly title?: string;
  readonly description?: string;
  /** 1.0 to 10.0 (https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html). */
  readonly severity?: number;
  readonly createdAt?: string;
  readonly updatedAt: string;
  readonly resource?: Json;
  readonly service?: Json;
}

/**
 * One detector: GetDetector's answer (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_GetDetector.html)
 * plus the two things it leaves implicit, which the `detectors` stream adds: `detectorId` (from
 * ListDetectors) and `region` (the endpoint it was read from).
 */
export interface GuardDutyDetector extends Json {
  readonly detectorId: string;
  readonly region: string;
  readonly status?: string;
  readonly serviceRole?: string;
  readonly createdAt?: string;
  readonly updatedAt?: string;
  readonly findingPublishingFrequency?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

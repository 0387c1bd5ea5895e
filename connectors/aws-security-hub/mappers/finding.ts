import { ocsfVersion } from '@patchbay/ocsf';
import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import type { AsffFinding } from './asff.ts';
import { complianceOf, isCompliance } from './compliance.ts';
import { evidenceOf } from './evidence.ts';
import { deviceOf, resourcesOf } from './resources.ts';
import { severityOf } from './severity.ts';
import { activityOf, findingStatus } from './status.ts';
import { epochMs } from './time.ts';
import { vulnerabilityOf } from './vulnerability.ts';

export type { AsffFinding } from './asff.ts';

/**
 * The class rule: a finding with a Compliance object is a control check → Compliance Finding (2003);
 * otherwise one with Vulnerabilities → Vulnerability Finding (2002); everything else (GuardDuty,
 * Macie, custom detections...) → Detection Finding (2004).
 */
export function classOf(finding: AsffFinding): 2002 | 2003 | 2004 {
  if (isCompliance(finding)) return 2003;
  if ((finding.Vulnerabilities ?? []).length > 0) return 2002;
  return 2004;
}

const CLASS_NAMES = { 2002: 'Vulnerability Finding', 2003: 'Compliance Finding', 2004: 'Detection Finding' } as const;

/** Top-level ASFF fields mapped in full; every other field goes to `unmapped` as it is. */
const MAPPED = new Set(['Id', 'ProductArn', 'ProductName', 'CompanyName', 'Region', 'GeneratorId', 'AwsAccountId', 'Types', 'FirstObservedAt', 'LastObservedAt', 'CreatedAt', 'UpdatedAt', 'Title', 'Description', 'SourceUrl', 'Confidence', 'WorkflowState']);

function unmappedOf(finding: AsffFinding): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(finding)) if (!MAPPED.has(key)) rest[key] = value;
  return rest;
}

function remediationOf(finding: AsffFinding): Record<string, unknown> | undefined {
  const recommendation = finding.Remediation?.Recommendation;
  if (!recommendation?.Text && !recommendation?.Url) return undefined;
  return { desc: recommendation.Text ?? recommendation.Url!, ...(recommendation.Url ? { references: [recommendation.Url] } : {}) };
}

function findingInfoOf(finding: AsffFinding, createdMs: number | undefined, updatedMs: number | undefined): Record<string, unknown> {
  const first = epochMs(finding.FirstObservedAt);
  const last = epochMs(finding.LastObservedAt);
  return {
    uid: finding.Id,
    title: finding.Title ?? finding.Id,
    ...(finding.Description ? { desc: finding.Description } : {}),
    ...(createdMs !== undefined ? { created_time: createdMs } : {}),
    ...(updatedMs !== undefined ? { modified_time: updatedMs } : {}),
    ...(first !== undefined ? { first_seen_time: first } : {}),
    ...(last !== undefined ? { last_seen_time: last } : {}),
    ...(finding.Types?.length ? { types: [...finding.Types] } : {}),
    product_uid: finding.ProductArn,
    ...(finding.SourceUrl ? { src_url: finding.SourceUrl } : {}),
    ...(finding.GeneratorId ? { analytic: { uid: finding.GeneratorId, name: finding.GeneratorId, type_id: 1, type: 'Rule' } } : {}),
    ...(finding.ProductName ? { data_sources: [finding.ProductName] } : {}),
  };
}

/** One ASFF finding as an OCSF Compliance, Vulnerability or Detection Finding (see `classOf`). Pure. */
export function mapFinding(finding: AsffFinding, meta: MapMeta): OcsfRecord {
  const classUid = classOf(finding);
  const createdMs = epochMs(finding.CreatedAt);
  const updatedMs = epochMs(finding.UpdatedAt);
  const activity = activityOf(createdMs, updatedMs, finding.RecordState);
  const device = deviceOf(finding.Resources);
  const evidence = evidenceOf(finding);
  const remediation = remediationOf(finding);
  const resources = resourcesOf(finding.Resources);
  const account = finding.AwsAccountId ? { uid: finding.AwsAccountId, type: 'AWS Account', type_id: 10, ...(finding.AwsAccountName ? { name: finding.AwsAccountName } : {}) } : undefined;
  return {
    class_uid: classUid,
    class_name: CLASS_NAMES[classUid],
    category_uid: 2,
    category_name: 'Findings',
    ...activity,
    type_uid: classUid * 100 + activity.activity_id,
    ...severityOf(finding.Severity ?? finding.FindingProviderFields?.Severity),
    ...findingStatus(finding.Workflow?.Status ?? finding.WorkflowState, finding.RecordState),
    // A time without a zone is not guessed: the time Security Hub processed the finding, else receipt.
    time: updatedMs ?? epochMs(finding.ProcessedAt) ?? meta.receivedAt.getTime(),
    message: finding.Title ?? finding.Id,
    ...(typeof finding.Confidence === 'number' ? { confidence_score: finding.Confidence } : {}),
    ...(classUid === 2004 ? { is_alert: true } : {}),
    finding_info: findingInfoOf(finding, createdMs, updatedMs),
    metadata: {
      version: ocsfVersion,
      uid: finding.Id,
      profiles: ['cloud'],
      product: { name: finding.ProductName ?? 'Security Hub', vendor_name: finding.CompanyName ?? 'AWS', uid: finding.ProductArn },
      log_name: 'findings',
      log_provider: 'AWS Security Hub',
      original_time: finding.UpdatedAt,
      ...(finding.AwsAccountId ? { tenant_uid: finding.AwsAccountId } : {}),
      ...(finding.SchemaVersion ? { log_version: finding.SchemaVersion } : {}),
    },
    cloud: { provider: 'AWS', ...(finding.Region ? { region: finding.Region } : {}), ...(account ? { account } : {}) },
    ...(resources.length > 0 ? { resources } : {}),
    ...(device ? { device } : {}),
    ...(evidence ? { evidences: [evidence] } : {}),
    // Vulnerability Finding has no top-level remediation: there it goes with each vulnerability.
    ...(remediation && classUid !== 2002 ? { remediation } : {}),
    ...(classUid === 2003 ? { compliance: complianceOf(finding) } : {}),
    ...(classUid === 2002 ? { vulnerabilities: (finding.Vulnerabilities ?? []).map((v) => ({ ...(remediation ? { remediation } : {}), ...vulnerabilityOf(v) })) } : {}),
    ...(finding.Note?.Text ? { comment: finding.Note.Text } : {}),
    unmapped: unmappedOf(finding),
  };
}

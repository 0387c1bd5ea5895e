import type { AsffFinding } from './asff.ts';
import { complianceStatusId } from './status.ts';

/** Security Hub's product fields for control findings in the non-consolidated (STANDARD_CONTROL) form. */
const STANDARDS_ARN = 'StandardsArn';
const STANDARDS_GUIDE_ARN = 'StandardsGuideArn';
const CONTROL_ID = 'ControlId';

/** Whether a finding is a compliance (control) finding: it carries a Compliance object. */
export function isCompliance(finding: AsffFinding): boolean {
  return finding.Compliance !== undefined && finding.Compliance !== null;
}

/**
 * ASFF Compliance → OCSF compliance. The control keeps its id (SecurityControlId, or ProductFields
 * ControlId for findings generated per standard), and the standards keep theirs (AssociatedStandards
 * StandardsId, and ProductFields StandardsArn / StandardsGuideArn), so pass rates per control and per
 * standard can be computed from stored records.
 */
export function complianceOf(finding: AsffFinding): Record<string, unknown> {
  const compliance = finding.Compliance ?? {};
  const fields = finding.ProductFields ?? {};
  const control = compliance.SecurityControlId ?? fields[CONTROL_ID];
  const standards = [
    ...(compliance.AssociatedStandards ?? []).map((s) => s.StandardsId).filter((id): id is string => typeof id === 'string'),
    ...[fields[STANDARDS_ARN], fields[STANDARDS_GUIDE_ARN]].filter((id): id is string => typeof id === 'string'),
  ];
  const reasons = (compliance.StatusReasons ?? []).map((r) => [r.ReasonCode, r.Description].filter(Boolean).join(': ')).filter((r) => r !== '');
  const parameters = (compliance.SecurityControlParameters ?? []).filter((p) => p.Name).map((p) => ({ name: p.Name!, values: [...(p.Value ?? [])] }));
  return {
    ...(control !== undefined ? { control } : {}),
    standards: [...new Set(standards)],
    ...(compliance.Status !== undefined ? { status: compliance.Status, status_code: compliance.Status } : {}),
    status_id: complianceStatusId(compliance.Status),
    ...(compliance.RelatedRequirements?.length ? { requirements: [...compliance.RelatedRequirements] } : {}),
    ...(reasons.length > 0 ? { status_details: reasons } : {}),
    ...(parameters.length > 0 ? { control_parameters: parameters } : {}),
  };
}

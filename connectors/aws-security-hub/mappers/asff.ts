/**
 * The AWS Security Finding Format (ASFF) as GetFindings returns it: the fields the mappers read, typed
 * loosely (every field may be absent in a provider's finding); everything else rides along untyped.
 * https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format-syntax.html
 */
export interface AsffSeverity {
  readonly Label?: string;
  readonly Normalized?: number;
  readonly Original?: string;
  readonly Product?: number;
}

export interface AsffResource {
  readonly Id?: string;
  readonly Type?: string;
  readonly Partition?: string;
  readonly Region?: string;
  readonly ResourceRole?: string;
  readonly Tags?: Readonly<Record<string, string>>;
  readonly Details?: Readonly<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

export interface AsffCompliance {
  readonly Status?: string;
  readonly SecurityControlId?: string;
  readonly RelatedRequirements?: readonly string[];
  readonly AssociatedStandards?: readonly { readonly StandardsId?: string }[];
  readonly StatusReasons?: readonly { readonly ReasonCode?: string; readonly Description?: string }[];
  readonly SecurityControlParameters?: readonly { readonly Name?: string; readonly Value?: readonly string[] }[];
}

export interface AsffVulnerability {
  readonly Id?: string;
  readonly VulnerablePackages?: readonly Readonly<Record<string, unknown>>[];
  readonly Cvss?: readonly { readonly Version?: string; readonly BaseScore?: number; readonly BaseVector?: string; readonly Source?: string }[];
  readonly RelatedVulnerabilities?: readonly string[];
  readonly Vendor?: { readonly Name?: string; readonly Url?: string; readonly VendorSeverity?: string };
  readonly ReferenceUrls?: readonly string[];
  readonly FixAvailable?: string;
  readonly ExploitAvailable?: string;
  readonly EpssScore?: number;
  readonly LastKnownExploitAt?: string;
}

export interface AsffFinding {
  readonly SchemaVersion?: string;
  readonly Id: string;
  readonly ProductArn: string;
  readonly ProductName?: string;
  readonly CompanyName?: string;
  readonly Region?: string;
  readonly GeneratorId?: string;
  readonly AwsAccountId?: string;
  readonly AwsAccountName?: string;
  readonly Types?: readonly string[];
  readonly FirstObservedAt?: string;
  readonly LastObservedAt?: string;
  readonly CreatedAt?: string;
  readonly UpdatedAt: string;
  readonly ProcessedAt?: string;
  readonly Severity?: AsffSeverity;
  readonly FindingProviderFields?: { readonly Severity?: AsffSeverity; readonly [key: string]: unknown };
  readonly Confidence?: number;
  readonly Criticality?: number;
  readonly Title?: string;
  readonly Description?: string;
  readonly Remediation?: { readonly Recommendation?: { readonly Text?: string; readonly Url?: string } };
  readonly SourceUrl?: string;
  readonly ProductFields?: Readonly<Record<string, string>>;
  readonly UserDefinedFields?: Readonly<Record<string, string>>;
  readonly Resources?: readonly AsffResource[];
  readonly Compliance?: AsffCompliance;
  readonly Vulnerabilities?: readonly AsffVulnerability[];
  readonly Workflow?: { readonly Status?: string };
  readonly WorkflowState?: string;
  readonly RecordState?: string;
  readonly Note?: { readonly Text?: string; readonly UpdatedBy?: string; readonly UpdatedAt?: string };
  readonly Action?: Readonly<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

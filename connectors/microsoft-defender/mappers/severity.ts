/** An OCSF severity_id with its caption. */
export interface MappedSeverity {
  readonly severity_id: number;
  readonly severity: string;
}

const OCSF: Readonly<Record<number, string>> = { 0: 'Unknown', 1: 'Informational', 2: 'Low', 3: 'Medium', 4: 'High', 5: 'Critical' };

function of(id: number): MappedSeverity {
  return { severity_id: id, severity: OCSF[id]! };
}

/**
 * Graph security alertSeverity (alerts_v2 and incidents): unknown, informational, low, medium, high,
 * unknownFutureValue (https://learn.microsoft.com/en-us/graph/api/resources/security-alert). Graph has no
 * "critical". Anything else is Other (99) with the vendor's value.
 */
const GRAPH: Readonly<Record<string, number>> = { unknown: 0, informational: 1, low: 2, medium: 3, high: 4 };

/**
 * Defender Vulnerability Management severity (vulnerabilitySeverityLevel): Low, Medium, High, Critical
 * (https://learn.microsoft.com/en-us/defender-vulnerability-management/tvm-weaknesses).
 */
const MDVM: Readonly<Record<string, number>> = { low: 2, medium: 3, high: 4, critical: 5 };

function severityOn(scale: Readonly<Record<string, number>>, value: unknown): MappedSeverity {
  if (value === undefined || value === null || value === '') return of(0);
  const text = String(value);
  const id = scale[text.toLowerCase()];
  return id === undefined ? { severity_id: 99, severity: text.slice(0, 100) } : of(id);
}

export const graphSeverity = (value: unknown): MappedSeverity => severityOn(GRAPH, value);
export const vulnerabilitySeverity = (value: unknown): MappedSeverity => severityOn(MDVM, value);

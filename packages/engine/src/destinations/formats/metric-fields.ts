import type { FormatInput } from './format-input.ts';

/**
 * What the line formats (CEF, LEEF, RFC 5424) and HEC's indexed fields carry of a metric event, which has
 * no OCSF record: a title and a one-line summary, the dimensions it is measured by, and its measures.
 * Only `compliance.metrics` (packages/engine/src/compliance) is a metric event today.
 */
export interface MetricFields {
  readonly title: string;
  readonly message: string;
  /** Dimensions (what the numbers are about): key and text. */
  readonly dimensions: readonly (readonly [string, string])[];
  /** Measures: key and number (a ratio is null when nothing was evaluated, and then left out). */
  readonly measures: readonly (readonly [string, number])[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function complianceMetric(data: Record<string, unknown>): MetricFields {
  const standard = typeof data.standard === 'string' ? data.standard : '(no standard)';
  const instance = typeof data.instance_name === 'string' ? data.instance_name : String(data.instance_id ?? '');
  const controls = (typeof data.controls === 'object' && data.controls !== null ? data.controls : {}) as Record<string, unknown>;
  const ratio = num(data.pass_ratio);
  const counts = ['passed', 'failed', 'warning', 'unknown', 'other'] as const;
  const measures: [string, number | null][] = [
    ['findings', num(data.findings)],
    ...counts.map((k) => [k, num(data[k])] as [string, number | null]),
    ['pass_ratio', ratio],
    ['controls_total', num(controls.total)],
    ['controls_passed', num(controls.passed)],
    ['controls_failed', num(controls.failed)],
    ['control_pass_ratio', num(controls.pass_ratio)],
  ];
  const summary = counts.map((k) => `${num(data[k]) ?? 0} ${k}`).join(', ');
  return {
    title: `Compliance metrics: ${standard}`,
    message: `${instance}, ${standard}: ${num(data.findings) ?? 0} findings (${summary}); pass ratio ${ratio ?? 'n/a'}; controls ${num(controls.passed) ?? 0} of ${num(controls.total) ?? 0} passing`,
    dimensions: [
      ['standard', standard],
      ['instance_name', instance],
    ],
    measures: measures.filter((m): m is [string, number] => m[1] !== null),
  };
}

/** The metric fields of a metric event, or null for any other event. */
export function metricOf(input: FormatInput): MetricFields | null {
  if (input.envelope.type === 'compliance.metrics') return complianceMetric(input.envelope.data);
  return null;
}

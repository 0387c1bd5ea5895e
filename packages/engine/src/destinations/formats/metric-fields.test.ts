import { describe, expect, it } from 'vitest';
import { formatCef } from './cef.ts';
import type { FormatInput } from './format-input.ts';
import { formatLeef } from './leef.ts';
import { metricOf } from './metric-fields.ts';
import { formatOcsfJson } from './ocsf-json.ts';
import { formatRfc5424 } from './rfc5424.ts';
import { formatSplunkHec } from './splunk-hec.ts';

const INSTANCE = '6a1b2c3d-0000-4000-8000-000000000001';
const CIS = 'standards/cis-aws-foundations-benchmark/v/1.4.0';

/** A compliance.metrics event as the compliance task writes it (see compliance-metrics.test.ts for the numbers' origin). */
const metrics: FormatInput = {
  id: '0d7e8f6a-1b2c-4d3e-9f00-112233445566',
  instanceId: INSTANCE,
  envelope: {
    type: 'compliance.metrics',
    timestamp: '2026-03-01T10:00:05.000Z',
    data: {
      instance_id: INSTANCE,
      instance_name: 'aws=prod|eu',
      connector_id: 'aws-security-hub',
      standard: CIS,
      measured_at: '2026-03-01T10:00:05.000Z',
      period_start: '2026-03-01T10:00:00.000Z',
      interval_seconds: 3600,
      findings: 3,
      passed: 1,
      failed: 2,
      warning: 0,
      unknown: 0,
      other: 0,
      pass_ratio: 0.3333,
      controls: { total: 2, passed: 0, failed: 2, warning: 0, unknown: 0, pass_ratio: 0 },
      by_severity: [{ severity_id: 4, severity: 'High', findings: 3, passed: 1, failed: 2, warning: 0, unknown: 0, other: 0, pass_ratio: 0.3333 }],
      by_control: [{ control: 'S3.1', status: 'failed', severity_id: 4, findings: 2, passed: 1, failed: 1, warning: 0, unknown: 0, other: 0, pass_ratio: 0.5 }],
    },
  },
};
const nothingEvaluated: FormatInput = { ...metrics, envelope: { ...metrics.envelope, data: { ...metrics.envelope.data, standard: null, passed: 0, failed: 0, unknown: 3, pass_ratio: null } } };

describe('metric events in the line formats and HEC', () => {
  it('reads the dimensions and measures of compliance.metrics, and nothing of other events', () => {
    expect(metricOf(metrics)).toEqual({
      title: `Compliance metrics: ${CIS}`,
      message: `aws=prod|eu, ${CIS}: 3 findings (1 passed, 2 failed, 0 warning, 0 unknown, 0 other); pass ratio 0.3333; controls 0 of 2 passing`,
      dimensions: [
        ['standard', CIS],
        ['instance_name', 'aws=prod|eu'],
      ],
      measures: [
        ['findings', 3],
        ['passed', 1],
        ['failed', 2],
        ['warning', 0],
        ['unknown', 0],
        ['other', 0],
        ['pass_ratio', 0.3333],
        ['controls_total', 2],
        ['controls_passed', 0],
        ['controls_failed', 2],
        ['control_pass_ratio', 0],
      ],
    });
    expect(metricOf(nothingEvaluated)!.measures.map(([k]) => k)).not.toContain('pass_ratio');
    expect(metricOf(nothingEvaluated)!.message).toContain('(no standard)');
    expect(metricOf({ ...metrics, envelope: { ...metrics.envelope, type: 'sync.completed' } })).toBeNull();
  });

  it('CEF: the summary in msg, counts in cnt/cn2/cn3, ratios in cfp1/cfp2, standard and instance in cs4/cs5, escaped', () => {
    const line = formatCef(metrics);
    expect(line.startsWith(`CEF:0|Patchbay|Patchbay|1|compliance.metrics|Compliance metrics: ${CIS}|0|`)).toBe(true);
    expect(line).toContain('cnt=3 cn2Label=passed cn2=1 cn3Label=failed cn3=2 cfp1Label=passRatio cfp1=0.3333 cfp2Label=controlPassRatio cfp2=0 ');
    expect(line).toContain(`cs4Label=standard cs4=${CIS} cs5Label=instanceName cs5=aws\\=prod|eu`);
    expect(line).toContain(`msg=aws\\=prod|eu, ${CIS}: 3 findings (1 passed, 2 failed`);
    // A ratio that does not exist is left out, not sent as 0.
    expect(formatCef(nothingEvaluated)).not.toMatch(/cfp1=/);
  });

  it('LEEF: every dimension and measure as its own attribute', () => {
    const line = formatLeef(metrics);
    expect(line.startsWith('LEEF:2.0|Patchbay|Patchbay|1|compliance.metrics|^|')).toBe(true);
    const attributes = Object.fromEntries(line.split('|').slice(6).join('|').split('^').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
    expect(attributes).toMatchObject({ sev: '1', cat: 'compliance.metrics', name: `Compliance metrics: ${CIS}`, standard: CIS, instance_name: 'aws=prod|eu', findings: '3', passed: '1', failed: '2', pass_ratio: '0.3333', controls_total: '2', control_pass_ratio: '0', sourceInstance: INSTANCE });
  });

  it('RFC 5424: the measures as SD-PARAMs, the whole event as the JSON message', () => {
    const message = formatRfc5424(metrics, { hostname: 'hub1' });
    expect(message.startsWith(`<134>1 2026-03-01T10:00:05.000Z hub1 patchbay - compliance.metrics [patchbay@32473 event_id="${metrics.id}" type="compliance.metrics" instance_id="${INSTANCE}" standard="${CIS}" instance_name="aws=prod|eu" findings="3" passed="1" failed="2" warning="0" unknown="0" other="0" pass_ratio="0.3333" controls_total="2" controls_passed="0" controls_failed="2" control_pass_ratio="0"] `)).toBe(true);
    expect(JSON.parse(message.slice(message.indexOf('] ') + 2))).toEqual(formatOcsfJson(metrics));
  });

  it('Splunk HEC: the envelope as the event, and the dimensions and measures as indexed fields', () => {
    const hec = formatSplunkHec(metrics, { hostname: 'hub1' });
    expect(hec).toEqual({
      time: Date.parse('2026-03-01T10:00:05.000Z') / 1000,
      host: 'hub1',
      source: 'patchbay',
      sourcetype: 'patchbay:event',
      event: { type: 'compliance.metrics', timestamp: '2026-03-01T10:00:05.000Z', data: metrics.envelope.data },
      fields: { event_id: metrics.id, event_type: 'compliance.metrics', instance_id: INSTANCE, standard: CIS, instance_name: 'aws=prod|eu', findings: 3, passed: 1, failed: 2, warning: 0, unknown: 0, other: 0, pass_ratio: 0.3333, controls_total: 2, controls_passed: 0, controls_failed: 2, control_pass_ratio: 0 },
    });
  });
});

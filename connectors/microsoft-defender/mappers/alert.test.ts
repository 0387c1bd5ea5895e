import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import { ManualClock } from '@patchbay/types';
import { alertRecord } from '../simulator/records.ts';
import type { GraphAlert } from '../vendor.ts';
import { mapAlert } from './alert.ts';
import { meta, pantherSamples } from './test-support.ts';

/** Real Graph security alerts (alerts_v2) from Panther's rule tests; `@odata.type` is spelled `at_sign_odata_type` there. */
const samples = pantherSamples('microsoft_rules.json', 'MicrosoftGraph.SecurityAlertV2');
const sample = (name: string) => samples.find((s) => s.name === name)!.log as unknown as GraphAlert;

/** Fields the mapper gives an OCSF home; everything else must reappear under `unmapped`. */
const MAPPED = new Set([
  'id', 'title', 'description', 'category', 'severity', 'status', 'classification', 'determination', 'createdDateTime', 'lastUpdateDateTime',
  'firstActivityDateTime', 'lastActivityDateTime', 'alertWebUrl', 'incidentId', 'tenantId', 'productName', 'serviceSource', 'detectionSource',
  'detectorId', 'providerAlertId', 'recommendedActions', 'assignedTo', 'mitreTechniques', 'evidence',
]);

describe('alert mapper (Graph alerts_v2 → OCSF Detection Finding)', () => {
  it('maps every real sample of microsoft_rules.json to a valid Detection Finding', () => {
    expect(samples.length).toBe(4);
    for (const { log } of samples) expect(validateRecord(mapAlert(log as unknown as GraphAlert, meta), { warnings: false })).toEqual({ valid: true, warnings: [] });
  });

  it('maps ids, times, severity, status, product and the user and IP evidence of the anonymous sign-in alert', () => {
    const mapped = mapAlert(sample('Anonymous Login Event (v2)'), meta);
    expect(mapped).toMatchObject({
      class_uid: 2004,
      activity_id: 2,
      type_uid: 200402,
      severity_id: 3,
      severity: 'Medium',
      status_id: 1,
      status: 'New',
      time: Date.parse('2026-04-01T14:34:56.229Z'),
      message: 'Anonymous IP address',
      is_alert: true,
      start_time: Date.parse('2026-04-01T14:31:48.438Z'),
      finding_info: {
        uid: 'abcd12345efghijk6789',
        title: 'Anonymous IP address',
        desc: 'Sign-in from an anonymous IP address (e.g. Tor browser, anonymizer VPNs)',
        types: ['AnonymousLogin'],
        created_time: Date.parse('2026-04-01T14:31:48.438Z'),
        modified_time: Date.parse('2026-04-01T14:34:56.229Z'),
        data_sources: ['microsoftDefenderForIdentity'],
      },
      evidences: [
        { name: 'userEvidence', user: { name: 'homer.simpson', domain: 'corporation.onmicrosoft.com', uid: '011d5ede-0faa-4946-a25e-b2cd0c47a52c', email_addr: 'homer.simpson@corporation.onmicrosoft.com' } },
        { name: 'ipEvidence', src_endpoint: { ip: '185.220.103.6', location: { country: 'US' } } },
      ],
      metadata: { uid: 'abcd12345efghijk6789', tenant_uid: '12345-abcde-a1b2k3', product: { name: 'Microsoft Defender for Identity', vendor_name: 'Microsoft' }, original_time: '2026-04-01T14:34:56.229Z' },
    });
    expect(mapped.unmapped).toBeUndefined();
  });

  it('follows Graph severity and lifecycle: resolved is Close, informational is Informational, values off the scale are Other', () => {
    expect(mapAlert(sample('Resolved Event (v2)'), meta)).toMatchObject({ activity_id: 3, activity_name: 'Close', status_id: 4, severity_id: 4 });
    expect(mapAlert(sample('Informational Severity Event (v2)'), meta)).toMatchObject({ activity_id: 1, severity_id: 1, severity: 'Informational' });
    const triaged = mapAlert({ ...sample('Password Spray Event (v2)'), severity: 'unknownFutureValue', status: 'inProgress', classification: 'truePositive', determination: 'compromisedAccount' }, meta);
    expect(validateRecord(triaged, { warnings: false }).valid).toBe(true);
    expect(triaged).toMatchObject({
      severity_id: 99,
      severity: 'unknownFutureValue',
      status_id: 2,
      verdict_id: 2,
      verdict: 'True Positive',
      status_detail: 'compromisedAccount',
    });
  });

  it('maps device evidence, MITRE techniques, remediation and the owner; keeps the rest under unmapped', () => {
    const raw = alertRecord(3, Date.parse('2026-04-30T10:00:00Z'), Date.parse('2026-04-30T11:00:00Z'), 2).record as unknown as GraphAlert;
    const mapped = mapAlert({ ...raw, assignedTo: 'analyst@contoso.test' }, meta);
    expect(validateRecord(mapped, { warnings: false }).valid).toBe(true);
    expect(mapped).toMatchObject({
      device: { hostname: 'ws-4.contoso.test', uid: raw.evidence![0]!.mdeDeviceId, os: { name: 'Windows11', type_id: 100 } },
      attacks: [{ technique: { uid: 'T1059.001' } }],
      remediation: { desc: expect.stringContaining('isolate the device') },
      assignee: { name: 'analyst@contoso.test' },
      metadata: { correlation_uid: raw.incidentId, profiles: ['security_control', 'incident'] },
      unmapped: { '@odata.type': '#microsoft.graph.security.alert', comments: [], evidence: [{ kind: 'deviceEvidence', verdict: 'suspicious', remediationStatus: 'none' }] },
    });
  });

  it('drops nothing: every field is mapped or kept under unmapped', () => {
    const raw = alertRecord(1, 0, 60_000, 1).record as Record<string, unknown>;
    const mapped = mapAlert(raw as unknown as GraphAlert, meta);
    for (const key of Object.keys(raw)) expect(MAPPED.has(key) || Object.hasOwn((mapped.unmapped ?? {}) as object, key), key).toBe(true);
  });

  it('refuses a time without a zone rather than guess one', () => {
    expect(() => mapAlert({ ...sample('Resolved Event (v2)'), lastUpdateDateTime: '2026-04-03 19:56:57' }, meta)).toThrow(expect.objectContaining({ code: 'VENDOR_BAD_RESPONSE' }));
    expect(new ManualClock('2026-05-01T00:00:00Z').now().getTime()).toBe(meta.receivedAt.getTime());
  });
});

import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import type { MapMeta } from '@patchbay/sdk';
import { mapDetector } from './detector.ts';

const meta: MapMeta = { connector: { id: 'aws-guardduty', name: 'AWS GuardDuty', vendor: 'AWS', version: '1.0.0' }, stream: 'detectors', instanceId: 'test', receivedAt: new Date('2026-05-01T00:00:00.000Z') };

/** Hand-written: GetDetector's documented answer (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_GetDetector.html) plus the id and Region the stream adds. */
const detector = {
  detectorId: '12abc34d567e8fa901bc2d34e56789f0',
  region: 'eu-west-1',
  createdAt: '2024-03-01T10:00:00.000Z',
  updatedAt: '2026-04-01T10:00:00.000Z',
  findingPublishingFrequency: 'SIX_HOURS',
  serviceRole: 'arn:aws:iam::123456789012:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty',
  status: 'ENABLED',
  features: [{ name: 'S3_DATA_EVENTS', status: 'ENABLED', updatedAt: 1711965600 }],
  tags: { owner: 'secops' },
};

describe('GuardDuty detector mapper', () => {
  it('maps a detector to a valid OCSF cloud resources inventory record, settings kept whole', () => {
    const mapped = mapDetector(detector, meta);
    expect(validateRecord(mapped, { warnings: false })).toEqual({ valid: true, warnings: [] });
    expect(mapped).toMatchObject({
      class_uid: 5023,
      time: Date.parse('2026-04-01T10:00:00.000Z'),
      status: 'ENABLED',
      cloud: { provider: 'AWS', region: 'eu-west-1' },
      metadata: { uid: 'eu-west-1/12abc34d567e8fa901bc2d34e56789f0' },
      resources: [
        {
          type: 'AWS::GuardDuty::Detector',
          uid: '12abc34d567e8fa901bc2d34e56789f0',
          created_time: Date.parse('2024-03-01T10:00:00.000Z'),
          labels: ['owner=secops'],
          data: { status: 'ENABLED', findingPublishingFrequency: 'SIX_HOURS', serviceRole: detector.serviceRole, features: detector.features },
        },
      ],
    });
    expect((mapped as { unmapped?: unknown }).unmapped).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import { mapHost, type HostRecord } from './host.ts';
import { fixtureBody, metaFor } from './test-support.ts';

// No real host payloads exist under ../shared/vendor/samples: fixtures/hosts-sync.json is hand-written.
const [workstation, server] = fixtureBody<{ resources: HostRecord[] }>('hosts-sync.json', 1).resources;
const meta = metaFor('hosts');

describe('host mapper', () => {
  it('maps a host to a valid Device Inventory Info with identity, OS, hardware, sensor and groups', () => {
    const mapped = mapHost(workstation!, meta);
    expect(validateRecord(mapped, { warnings: false })).toEqual({ valid: true, warnings: [] });
    expect(mapped).toMatchObject({
      class_uid: 5001,
      activity_id: 2,
      type_uid: 500102,
      time: Date.parse('2026-04-30T10:06:12Z'),
      metadata: { uid: '9d1c0a2b3c4d4e5f8a9b0c1d2e3f4a5b', tenant_uid: '2f1a7c1f0c8e4f5aa1b2c3d4e5f60718', original_time: '2026-04-30T10:06:12Z' },
      device: {
        uid: '9d1c0a2b3c4d4e5f8a9b0c1d2e3f4a5b',
        hostname: 'FIN-WS-042',
        ip: '10.20.4.42',
        mac: '00:15:5d:0a:2b:42',
        domain: 'corp.example',
        os: { name: 'Windows 11', type_id: 100, build: '22631' },
        type_id: 2,
        vendor_name: 'Dell Inc.',
        model: 'Latitude 7440',
        hw_info: { serial_number: '7XK2QH3', bios_manufacturer: 'Dell Inc.', bios_ver: '1.21.0' },
        first_seen_time: Date.parse('2025-11-02T08:14:51Z'),
        groups: [{ uid: '5a6b7c8d9e0f41a2b3c4d5e6f7a8b9c0' }],
        agent_list: [{ name: 'Falcon sensor', version: '7.14.18408.0' }],
        network_interfaces: [{ ip: '203.0.113.17' }],
      },
      unmapped: { status: 'contained', tags: ['SensorGroupingTags/finance'], site_name: 'Amsterdam', ou: ['Finance', 'Workstations'] },
    });
    expect((mapped.device as { network_interfaces: unknown[] }).network_interfaces).toHaveLength(1);
  });

  it('maps a host without modified_timestamp on last_seen, keeping cloud fields under unmapped', () => {
    const mapped = mapHost(server!, meta);
    expect(validateRecord(mapped, { warnings: false }).valid).toBe(true);
    expect(mapped).toMatchObject({ time: Date.parse('2026-04-30T11:01:00Z'), device: { type_id: 1, os: { type_id: 200 } }, unmapped: { kernel_version: '6.8.0-31-generic', instance_id: 'i-0abc123def4567890', service_provider: 'AWS_EC2_V2' } });
    expect(mapped.device).not.toHaveProperty('groups');
  });

  it('maps the same host to the same record on every run (no time of receipt in it)', () => {
    expect(mapHost(workstation!, meta)).toEqual(mapHost(workstation!, { ...meta, receivedAt: new Date('2030-01-01T00:00:00Z') }));
  });
});

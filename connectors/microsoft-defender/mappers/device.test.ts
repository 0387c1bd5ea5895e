import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import type { MdeMachine } from '../vendor.ts';
import { mapDevice } from './device.ts';
import { fixtureItems, meta } from './test-support.ts';

const machines = fixtureItems<MdeMachine>('devices-pages.json');

describe('device mapper (Defender for Endpoint machine → OCSF Device Inventory Info)', () => {
  it('maps the hand-written machines to valid Device Inventory Info records', () => {
    expect(machines).toHaveLength(2);
    for (const machine of machines) expect(validateRecord(mapDevice(machine, meta), { warnings: false })).toEqual({ valid: true, warnings: [] });
  });

  it('maps id, name, OS, addresses, interfaces, times, group and risk; keeps the rest under unmapped', () => {
    const mapped = mapDevice(machines[0]!, meta);
    expect(mapped).toMatchObject({
      class_uid: 5001,
      type_uid: 500101,
      time: Date.parse('2018-08-02T14:55:03.7791856Z'),
      device: {
        uid: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07',
        hostname: 'mymachine1.contoso.com',
        uid_alt: '80fe8ff8-2624-418e-9591-41f0491218f9',
        ip: '172.17.230.209',
        os: { name: 'Windows10', type_id: 100, build: '18209' },
        network_interfaces: [
          { ip: '172.17.230.209', mac: '00:15:5d:0a:2b:3c', type: 'Ethernet' },
          { ip: 'fe80::8c1d:e3c6:8d48:ea1d', mac: '00:15:5d:0a:2b:3c', type: 'Ethernet' },
        ],
        first_seen_time: Date.parse('2018-08-02T14:55:03.7791856Z'),
        groups: [{ name: 'The-A-Team', uid: '140' }],
        risk_level_id: 1,
        risk_level: 'Low',
      },
      unmapped: { version: '1709', osProcessor: 'x64', healthStatus: 'Active', exposureLevel: 'Medium', machineTags: ['test tag 1', 'test tag 2'], vmMetadata: machines[0]!.vmMetadata },
    });
  });

  it('maps Linux distributions to Linux and keeps a risk score off the scale under unmapped', () => {
    const mapped = mapDevice(machines[1]!, meta);
    expect(mapped).toMatchObject({ device: { os: { name: 'Ubuntu', type_id: 200, version: '22.04' } }, unmapped: { riskScore: 'None', healthStatus: 'Inactive' } });
    expect((mapped.device as Record<string, unknown>).risk_level_id).toBeUndefined();
  });
});

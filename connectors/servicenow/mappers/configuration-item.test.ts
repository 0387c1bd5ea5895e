import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import { fixtureRecords, meta } from '../testing/fixtures.ts';
import { mapBusinessService } from './business-service.ts';
import { mapConfigurationItem } from './configuration-item.ts';

// Hand-written CIs and services following the Table API's documented format (fixtures/configuration-items-page.json,
// fixtures/business-services-page.json).
const [server, laptop, network, application] = fixtureRecords('configuration-items-page.json').map((r) => mapConfigurationItem(r, meta('configuration-items'))) as Record<string, unknown>[];
const [email, retired] = fixtureRecords('business-services-page.json').map((r) => mapBusinessService(r, meta('business-services'))) as Record<string, unknown>[];

describe('mapConfigurationItem (OCSF Device Inventory Info 5001)', () => {
  it('maps every hand-written CI to valid Device Inventory Info', () => {
    for (const record of [server, laptop, network, application]) expect(validateRecord(record as never), JSON.stringify(record)).toMatchObject({ valid: true });
  });

  it('maps a server: ids, names, addresses, OS, hardware, owner, organisation, discovery times', () => {
    expect(server).toMatchObject({
      class_uid: 5001,
      activity_id: 2,
      time: Date.UTC(2026, 3, 30, 3, 10, 9),
      metadata: { uid: 'b4fd7c8437201000deeabfc8bcbe5dc1' },
      device: {
        uid: 'b4fd7c8437201000deeabfc8bcbe5dc1',
        type_id: 1,
        name: 'lnx-0007',
        hostname: 'lnx-0007',
        domain: 'acme.example',
        ip: '10.20.4.7',
        mac: '00:50:56:a1:0b:07',
        os: { name: 'Linux Red Hat', type_id: 200, version: '9.3' },
        vendor_name: 'Dell Inc.',
        model: 'PowerEdge R750',
        hw_info: { serial_number: '7XK2Q93' },
        uid_alt: 'P100007',
        owner: { uid: '46d44a23a9fe19810012d100cca80666', name: 'Beth Anglin' },
        org: { name: 'ACME North America' },
        created_time: Date.UTC(2025, 10, 2, 3, 12, 44),
        first_seen_time: Date.UTC(2025, 10, 2, 3, 12, 44),
        last_seen_time: Date.UTC(2026, 3, 30, 3, 10, 9),
      },
    });
    // The class, location, support group and statuses have no device attribute: they stay, with both values.
    expect(server!.unmapped).toMatchObject({ sys_class_name: { value: 'cmdb_ci_linux_server' }, location: { display_value: 'Frankfurt' }, install_status: { display_value: 'Installed' } });
    expect(server!.unmapped).not.toHaveProperty('patchbay_criticality');
  });

  it('types devices by CI class (a laptop by its form factor, a switch) and leaves out empty fields', () => {
    expect(laptop!.device).toMatchObject({ type_id: 3, hostname: 'lap-0112', os: { type_id: 100 } });
    expect(laptop!.device).not.toHaveProperty('mac');
    expect(laptop!.device).not.toHaveProperty('domain');
    expect(network!.device).toMatchObject({ type_id: 10, vendor_name: 'Cisco', hw_info: { serial_number: 'FOC1234X0AB' } });
  });

  it("puts a CI's business criticality where a criticality mapping reads it, keeping ServiceNow's value too", () => {
    expect(application!.device).toMatchObject({ type_id: 99, type: 'Business Application', name: 'Payments Platform' });
    expect(application!.unmapped).toMatchObject({ patchbay_criticality: 'critical', business_criticality: { value: '1 - most critical' } });
  });
});

describe('mapBusinessService (OCSF Cloud Resources Inventory Info 5023)', () => {
  it('maps each hand-written service to valid Cloud Resources Inventory Info', () => {
    for (const record of [email, retired]) expect(validateRecord(record as never), JSON.stringify(record)).toMatchObject({ valid: true });
  });

  it("maps the service as the one resource, with ServiceNow's criticality, owner, support group and labels", () => {
    expect(email).toMatchObject({
      class_uid: 5023,
      resources: [
        {
          uid: '27d32778c0a8000b00db970eeaa60f16',
          name: 'Email',
          type: 'Business Service',
          criticality: '1 - most critical',
          owner: { name: 'Beth Anglin' },
          group: { uid: 'd625dccec0a8016700a222a0f7900d06', name: 'Service Desk' },
          labels: ['classification:Business Service', 'used_for:Production', 'operational_status:Operational'],
        },
      ],
      unmapped: { patchbay_criticality: 'critical', busines_criticality: { value: '1 - most critical' }, short_description: { value: 'Corporate email' } },
    });
  });

  it('leaves the criticality out when ServiceNow has none', () => {
    expect((retired!.resources as Record<string, unknown>[])[0]).not.toHaveProperty('criticality');
    expect(retired!.unmapped).not.toHaveProperty('patchbay_criticality');
  });
});

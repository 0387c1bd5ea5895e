import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import type { TenableAsset } from '../types.ts';
import { mapAsset } from './asset.ts';
import { meta, recorded } from './samples.test-helper.ts';

// Real assets: chunk 1 of test_exports_assets.decoded.json (100 assets, pyTenable's recorded session).
const assets = recorded<TenableAsset[]>('test_exports_assets.decoded.json', /\/chunks\/1$/);
const m = meta('assets');

describe('tenable-vm asset mapper on the recorded export', () => {
  it('maps every recorded asset to valid OCSF Device Inventory Info', () => {
    expect(assets).toHaveLength(100);
    for (const asset of assets) expect(validateRecord(mapAsset(asset, m), { warnings: false }).valid).toBe(true);
  });

  it('maps the device: id, names, every address as an interface, OS, times; lists with several values stay unmapped', () => {
    const asset = assets[0]!;
    const mapped = mapAsset(asset, m) as { device: Record<string, unknown>; unmapped: Record<string, unknown> };
    expect(mapped).toMatchObject({
      class_uid: 5001,
      activity_id: 2,
      type_uid: 500102,
      time: Date.parse('2018-03-29T21:43:13.770Z'),
      metadata: { uid: 'b666e9f5-fde7-4cd8-9c07-12c19246b616', original_time: '2018-03-29T21:43:13.770Z' },
      device: {
        uid: 'b666e9f5-fde7-4cd8-9c07-12c19246b616',
        type_id: 0,
        hostname: 'docker.demo.io',
        ip: '192.168.15.104',
        mac: '00:50:56:a6:49:2a',
        uid_alt: '422637a2-75d4-2b17-3065-14f5fa23698e',
        os: { name: 'Linux Kernel 4.8.0-53-generic on Ubuntu 16.04', type_id: 200 },
        created_time: Date.parse('2018-03-14T20:43:04.159Z'),
        first_seen_time: Date.parse('2018-03-14T20:43:03.000Z'),
        last_seen_time: Date.parse('2018-03-29T21:43:12.000Z'),
      },
    });
    expect(mapped.device.network_interfaces).toHaveLength(1 + asset.mac_addresses!.length);
    expect(mapped.unmapped).toMatchObject({ sources: asset.sources, system_types: ['general-purpose'], has_plugin_results: true });
    expect(mapped.unmapped).not.toHaveProperty('hostnames');
    expect(mapped.unmapped).not.toHaveProperty('aws_region');
  });

  it('keeps a Nessus agent and cloud placement', () => {
    const asset = { ...assets[0]!, agent_uuid: 'agent-1', agent_names: ['web-1'], aws_ec2_instance_id: 'i-0abc', aws_region: 'eu-west-1', aws_vpc_id: 'vpc-1' };
    const mapped = mapAsset(asset, m);
    expect(mapped).toMatchObject({ device: { agent_list: [{ uid: 'agent-1', name: 'web-1', type_id: 5 }], instance_uid: 'i-0abc', region: 'eu-west-1', vpc_uid: 'vpc-1' } });
    expect(validateRecord(mapped, { warnings: false }).valid).toBe(true);
  });
});

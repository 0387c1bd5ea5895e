import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import type { TenableScan } from '../types.ts';
import { meta, recorded } from './samples.test-helper.ts';
import { mapScan } from './scan.ts';

// Real scans: test_scan_list.decoded.json (GET /scans, 475 scans, pyTenable's recorded session).
const list = recorded<{ scans: TenableScan[] }>('test_scan_list.decoded.json', /\/scans$/).scans;
const m = meta('scans');

describe('tenable-vm scan mapper on the recorded scan list', () => {
  it('maps every recorded scan to a valid OCSF Scan Activity', () => {
    expect(list).toHaveLength(475);
    for (const scan of list) expect(validateRecord(mapScan(scan, m), { warnings: false }).valid).toBe(true);
  });

  it('maps the scan, its schedule and the state of its latest run', () => {
    const imported = list[0]!;
    expect(mapScan(imported, m)).toMatchObject({
      class_uid: 6007,
      activity_id: 99,
      activity_name: 'imported',
      status: 'imported',
      time: 1_539_119_706_000,
      metadata: { uid: '7171' },
      scan: { uid: imported.schedule_uuid, uid_numeric: 7171, name: 'Office - Network Scan - Auth', type_id: 1 },
      command_uid: imported.uuid,
      unmapped: { owner: 'test_admin@pytenable.io', permissions: 128, user_permissions: 128, creation_date: 1_539_119_706 },
    });
    const completed = list.find((s) => s.status === 'completed')!;
    expect(mapScan(completed, m)).toMatchObject({ activity_id: 2, type_uid: 600702, status_id: 1 });
    const aborted = list.find((s) => s.status === 'aborted')!;
    expect(mapScan(aborted, m)).toMatchObject({ activity_id: 6, status_id: 2 });
    expect(mapScan({ ...completed, rrules: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO' }, m)).toMatchObject({ scan: { type_id: 2 }, unmapped: { rrules: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO' } });
  });
});

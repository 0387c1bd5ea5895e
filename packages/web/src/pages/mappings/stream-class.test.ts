import { describe, expect, it } from 'vitest';
import { streamClassUid, type StreamInfo } from './stream-class.ts';

const stream = (ocsf_class: string | null, ocsf_class_uid: number | null) => ({ name: 's', ocsf_class, ocsf_class_uid }) as StreamInfo;
const classes = [{ uid: 0, name: 'base_event' }, { uid: 2004, name: 'detection_finding' }] as never[];

describe('streamClassUid', () => {
  it('takes the declared uid, else looks the class name up', () => {
    expect(streamClassUid(stream('detection_finding', 2004), [])).toBe(2004);
    expect(streamClassUid(stream('base_event', null), classes)).toBe(0);
    expect(streamClassUid(stream('nope', null), classes)).toBeUndefined();
    expect(streamClassUid(undefined, classes)).toBeUndefined();
  });
});

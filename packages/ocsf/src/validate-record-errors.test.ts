import { describe, expect, it } from 'vitest';
import { validateRecord, type OcsfValidationResult, type ValidateRecordOptions } from './index.ts';
import { changeRecord, REMOVE } from './testing/change-record.ts';
import { authentication, complianceFinding, detectionFinding, vulnerabilityFinding, type SampleRecord } from './testing/sample-records.ts';

/** The [code, path] pairs of a result's errors. */
function errorsOf(result: OcsfValidationResult): [string, string][] {
  return result.valid ? [] : result.errors.map((e) => [e.code, e.path]);
}

function check(record: SampleRecord, options?: ValidateRecordOptions): [string, string][] {
  return errorsOf(validateRecord(record, options));
}

/** A fresh detection finding with changes applied (JSON Pointer -> new value, or REMOVE). */
function finding(changes: Readonly<Record<string, unknown>>): SampleRecord {
  return changeRecord(detectionFinding(), changes);
}

describe('validateRecord rejects one bad record per kind of constraint', () => {
  it('required: a missing required attribute, at the top and nested', () => {
    expect(check(finding({ '/time': REMOVE }))).toEqual([['required', '/time']]);
    expect(check(finding({ '/finding_info/uid': REMOVE }))).toEqual([['required', '/finding_info/uid']]);
    expect(check(finding({ '/finding_info': null }))).toEqual([['required', '/finding_info']]);
  });

  it('type: a value of the wrong JSON type', () => {
    expect(check(finding({ '/severity_id': '4' }))).toEqual([['type', '/severity_id']]);
    expect(check(finding({ '/time': '2024-06-10T06:13:20Z' }))).toEqual([['type', '/time']]);
    expect(check(finding({ '/is_alert': 'yes' }))).toEqual([['type', '/is_alert']]);
    expect(check(finding({ '/device': 'ws-042' }))).toEqual([['type', '/device']]);
    expect(check(finding({ '/resources': { uid: 'i-0abc' } }))).toEqual([['type', '/resources']]);
  });

  it('enum: a value that is not one of the enum values (integer and string enums)', () => {
    expect(check(finding({ '/severity_id': 42 }))).toEqual([['enum', '/severity_id']]);
    expect(check(finding({ '/activity_id': 4, '/type_uid': 200404 }))).toEqual([['enum', '/activity_id']]);
    const http = {
      class_uid: 4002, category_uid: 4, activity_id: 3, type_uid: 400203, severity_id: 1, time: 1,
      metadata: { version: '1.9.0-dev', product: { name: 'Proxy' } },
      http_request: { http_method: 'FETCH' },
    };
    expect(check(http)).toEqual([['enum', '/http_request/http_method']]);
  });

  it('format: a string that does not match its type (ip_t, mac_t, email_t, datetime_t)', () => {
    expect(check(finding({ '/device/ip': '999.1.2.3' }))).toEqual([['format', '/device/ip']]);
    expect(check(finding({ '/device/mac': '00:1A:2B:3C:4D' }))).toEqual([['format', '/device/mac']]);
    const user = changeRecord(authentication(), { '/user/email_addr': 'alice-at-example.com' });
    expect(check(user)).toEqual([['format', '/user/email_addr']]);
    const dated = finding({ '/time_dt': 'yesterday' });
    expect(check(dated, { profiles: ['datetime'] })).toEqual([['format', '/time_dt']]);
    const good = finding({ '/time_dt': '2024-06-10T06:13:20.123Z' });
    expect(check(good, { profiles: ['datetime'] })).toEqual([]);
    expect(check(good)).toEqual([['profile_required', '/time_dt']]);
  });

  it('range: a number outside its type range (port_t, integer_t is 32-bit); max_length for long strings', () => {
    expect(check(changeRecord(authentication(), { '/dst_endpoint/port': 70000 }))).toEqual([['range', '/dst_endpoint/port']]);
    expect(check(changeRecord(authentication(), { '/dst_endpoint/port': -1 }))).toEqual([['range', '/dst_endpoint/port']]);
    expect(check(finding({ '/actor/process/pid': 2 ** 40 }))).toEqual([['range', '/actor/process/pid']]);
    expect(check(finding({ '/device/mac': `${'00:'.repeat(11)}00` }))).toEqual([['max_length', '/device/mac']]);
  });

  it('nested objects are validated recursively, however deep (process ancestry)', () => {
    expect(check(finding({ '/finding_info/analytic/type_id': 'rule' }))).toEqual([['type', '/finding_info/analytic/type_id']]);
    expect(check(finding({ '/actor/process/parent_process/parent_process/pid': 'four' }))).toEqual([
      ['type', '/actor/process/parent_process/parent_process/pid'],
    ]);
    expect(check(finding({ '/device/type_id': REMOVE }))).toEqual([['required', '/device/type_id']]);
  });

  it('array elements are validated one by one, with their index in the path', () => {
    expect(check(finding({ '/resources/1/uid': 5 }))).toEqual([['type', '/resources/1/uid']]);
    expect(check(finding({ '/observables/0/type_id': REMOVE }))).toEqual([['required', '/observables/0/type_id']]);
    expect(check(finding({ '/finding_info/types': ['Execution', 7] }))).toEqual([['type', '/finding_info/types/1']]);
    expect(check(finding({ '/resources/2': null }))).toEqual([['type', '/resources/2']]);
  });

  it('unknown_attribute: anything not defined for the class or object, except under unmapped', () => {
    expect(check(finding({ '/vendor_severity': 'crit' }))).toEqual([['unknown_attribute', '/vendor_severity']]);
    expect(check(finding({ '/device/serial': 'X1' }))).toEqual([['unknown_attribute', '/device/serial']]);
    expect(check(finding({ '/a~1b': 1 }))).toEqual([['unknown_attribute', '/a~1b']]);
    expect(check(finding({ '/unmapped/vendor_severity': 'crit' }))).toEqual([]);
  });

  it('unknown_class: class_uid that names no class (and class_uid missing or not an integer)', () => {
    expect(check(finding({ '/class_uid': 2999 }))).toEqual([['unknown_class', '/class_uid']]);
    expect(check(finding({ '/class_uid': REMOVE }))).toEqual([['required', '/class_uid']]);
    expect(check(finding({ '/class_uid': '2004' }))).toEqual([['type', '/class_uid']]);
    expect(check(detectionFinding(), { classUid: 2999 })).toEqual([['unknown_class', '/class_uid']]);
  });

  it('inconsistent: type_uid must be class_uid * 100 + activity_id, category_uid the class category', () => {
    expect(check(finding({ '/type_uid': 200402 }))).toEqual([['inconsistent', '/type_uid']]);
    expect(check(finding({ '/category_uid': 3 }))).toEqual([['inconsistent', '/category_uid']]);
    expect(check(detectionFinding(), { classUid: 2002 })).toEqual(
      expect.arrayContaining([['inconsistent', '/class_uid']]),
    );
  });

  it('profile_required: a profile attribute is accepted only when the record declares the profile', () => {
    const cloud = { provider: 'AWS', region: 'eu-west-1', account: { uid: '123456789012' } };
    expect(check(finding({ '/cloud': cloud }))).toEqual([['profile_required', '/cloud']]);
    expect(check(finding({ '/cloud': cloud, '/metadata/profiles/1': 'cloud' }))).toEqual([]);
    expect(check(finding({ '/cloud': cloud }), { profiles: ['cloud'] })).toEqual([]);
    expect(check(finding({ '/metadata/profiles/1': 'cloud' }))).toEqual([['required', '/cloud']]);
    expect(check(finding({ '/resources/0/region': 'eu-west-1' }))).toEqual([['profile_required', '/resources/0/region']]);
    expect(check(finding({ '/resources/0/region': 'eu-west-1' }), { profiles: ['cloud'] })).toEqual([['required', '/cloud']]);
  });

  it('unknown_profile: metadata.profiles or the profiles option names a profile the schema lacks', () => {
    expect(check(finding({ '/metadata/profiles/1': 'linux' }))).toEqual([['unknown_profile', '/metadata/profiles/1']]);
    expect(check(detectionFinding(), { profiles: ['nope'] })).toEqual([['unknown_profile', '']]);
  });

  it('constraint: at-least-one and just-one constraints of classes and objects', () => {
    expect(check(changeRecord(authentication(), { '/dst_endpoint': REMOVE }))).toEqual([['constraint', '']]);
    expect(check(changeRecord(vulnerabilityFinding(), { '/vulnerabilities/0/cwe': { uid: 'CWE-787' } }))).toEqual([['constraint', '/vulnerabilities/0']]);
    expect(check(finding({ '/resources/0': { type: 'bucket' } }))).toEqual([['constraint', '/resources/0']]);
  });

  it('too_deep: a cyclic structure is rejected instead of recursing forever', () => {
    const process: Record<string, unknown> = { pid: 1 };
    process.parent_process = process;
    const record = finding({ '/actor/process': process });
    const errors = check(record);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.[0]).toBe('too_deep');
  });

  it('a record that is not an object is a type error, and the compliance sample stays valid', () => {
    expect(check(null as unknown as SampleRecord)).toEqual([['type', '']]);
    expect(check([] as unknown as SampleRecord)).toEqual([['type', '']]);
    expect(check(complianceFinding())).toEqual([]);
  });
});

import { isPatchbayError } from '@patchbay/types';
import { describe, expect, it } from 'vitest';
import {
  getClass,
  getObject,
  listCategories,
  listClasses,
  listObjects,
  listProfiles,
  listTypes,
  ocsfVersion,
  requireClass,
} from './index.ts';

describe('schema catalog', () => {
  it('pins OCSF 1.9.0-dev', () => {
    expect(ocsfVersion).toBe('1.9.0-dev');
  });

  it('lists every event class of the source (79 with a uid, plus base_event) sorted by uid', () => {
    const classes = listClasses();
    expect(classes).toHaveLength(80);
    expect(classes[0]).toMatchObject({ name: 'base_event', uid: 0 });
    expect(classes.map((c) => c.uid)).toEqual([...classes.map((c) => c.uid)].sort((a, b) => a - b));
    expect(new Set(classes.map((c) => c.uid)).size).toBe(80);
    expect(classes.map((c) => c.name)).not.toContain('finding');
  });

  it.each([
    ['detection_finding', 2004, 'findings'],
    ['vulnerability_finding', 2002, 'findings'],
    ['compliance_finding', 2003, 'findings'],
    ['authentication', 3002, 'iam'],
    ['entity_management', 3004, 'iam'],
    ['inventory_info', 5001, 'discovery'],
    ['user_inventory', 5003, 'discovery'],
    ['file_remediation_activity', 7002, 'remediation'],
  ])('finds %s by name and by uid %i', (name, uid, category) => {
    const byName = getClass(name);
    expect(byName).toMatchObject({ name, uid, category, categoryUid: Math.floor(uid / 1000) });
    expect(getClass(uid)).toBe(byName);
  });

  it('returns resolved attributes: inherited, from the dictionary, with profiles and enums', () => {
    const finding = getClass('detection_finding');
    const names = finding?.attributes.map((a) => a.name) ?? [];
    expect(names).toEqual([...names].sort());
    const byName = new Map(finding?.attributes.map((a) => [a.name, a]));
    expect(byName.get('finding_info')).toMatchObject({ type: 'object_t', objectType: 'finding_info', requirement: 'required' });
    expect(byName.get('time')).toMatchObject({ type: 'timestamp_t', requirement: 'required' });
    expect(byName.get('cloud')).toMatchObject({ profile: 'cloud', requirement: 'required' });
    expect(byName.get('confidence_id')?.profile).toBeUndefined();
    expect(byName.get('activity_id')?.enum?.map((v) => v.value)).toEqual([0, 1, 2, 3, 99]);
    expect(byName.get('type_uid')?.enum?.map((v) => v.value)).toEqual([200400, 200401, 200402, 200403, 200499]);
    expect(byName.get('resources')).toMatchObject({ isArray: true, objectType: 'resource_details' });
    expect(byName.get('message')?.description).not.toMatch(/<code>|&mdash;/);
  });

  it('returns undefined for unknown classes, and requireClass throws NOT_FOUND with suggestions', () => {
    expect(getClass('nope')).toBeUndefined();
    expect(getClass(2999)).toBeUndefined();
    expect(requireClass('detection_finding').uid).toBe(2004);
    try {
      requireClass('device_inventory_info');
      expect.unreachable();
    } catch (error) {
      expect(isPatchbayError(error) && error.code).toBe('NOT_FOUND');
      expect(isPatchbayError(error) && error.hint).toContain('inventory_info (5001)');
    }
  });

  it('lists objects, profiles, categories and types', () => {
    expect(listObjects().length).toBe(188);
    expect(listObjects().some((o) => o.name.startsWith('_'))).toBe(false);
    expect(getObject('process')?.attributes.find((a) => a.name === 'parent_process')?.objectType).toBe('process');
    expect(getObject('observable')?.attributes.find((a) => a.name === 'type_id')?.enum).toContainEqual(
      expect.objectContaining({ value: 2, caption: 'IP Address' }),
    );
    expect(getObject('nope')).toBeUndefined();
    expect(listProfiles().map((p) => p.name)).toEqual(expect.arrayContaining(['cloud', 'host', 'datetime', 'security_control']));
    expect(listCategories().map((c) => c.uid)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(listTypes().find((t) => t.name === 'port_t')).toMatchObject({ base: 'integer_t', range: [0, 65535] });
  });

  it('hands out frozen definitions, so one caller cannot change another caller\'s schema', () => {
    const finding = getClass('detection_finding');
    expect(Object.isFrozen(finding)).toBe(true);
    expect(Object.isFrozen(finding?.attributes[0])).toBe(true);
  });
});

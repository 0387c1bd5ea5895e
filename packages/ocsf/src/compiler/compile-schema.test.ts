import { describe, expect, it } from 'vitest';
import type { OcsfClass, OcsfSchema } from '../schema-types.ts';
import { ocsfVersion } from '../version.ts';
import { compileSchema } from './compile-schema.ts';
import type { JsonObject, RawEntity, RawSource } from './raw-source.ts';

/** A tiny schema source exercising each source feature the compiler resolves. */
function source(overrides: Partial<RawSource> = {}): RawSource {
  const includes: Record<string, JsonObject> = {
    'profiles/prof.json': {
      name: 'prof',
      meta: 'profile',
      annotations: { group: 'primary' },
      attributes: { p: { requirement: 'required' }, q: { requirement: 'optional' } },
    },
    'includes/plain.json': { attributes: { a: { requirement: 'required', description: 'from include' } } },
    'enums/e.json': { enum: { '1': { caption: 'One' } }, requirement: 'required' },
  };
  const entity = (e: RawEntity): RawEntity => e;
  return {
    version: ocsfVersion,
    categories: { cat: { uid: 9, caption: 'Category Nine' } },
    types: {
      string_t: { caption: 'String' },
      integer_t: { caption: 'Integer' },
      long_t: { caption: 'Long' },
      timestamp_t: { caption: 'Timestamp', type: 'long_t' },
      datetime_t: { caption: 'Datetime', type: 'string_t' },
    },
    dictionary: {
      a: { caption: 'A', type: 'string_t', description: 'From the dictionary.' },
      activity_id: { caption: 'Activity', type: 'integer_t', enum: { '0': { caption: 'Unknown' } } },
      class_uid: { caption: 'Class', type: 'integer_t' },
      category_uid: { caption: 'Category', type: 'integer_t' },
      type_uid: { caption: 'Type', type: 'long_t' },
      gone: { caption: 'Gone', type: 'string_t' },
      e: { caption: 'E', type: 'integer_t', enum: { '0': { caption: 'Zero' } } },
      p: { caption: 'P', type: 'string_t' },
      q: { caption: 'Q', type: 'string_t' },
      t: { caption: 'T', type: 'timestamp_t', description: 'The <code>t</code> value &mdash; plain.' },
      thing: { caption: 'Thing', type: 'thing', is_array: true },
    },
    classes: {
      base_event: entity({
        name: 'base_event',
        category: 'other',
        attributes: {
          $include: ['profiles/prof.json', 'includes/plain.json'],
          a: { requirement: 'optional' },
          activity_id: { requirement: 'required', enum: { '99': { caption: 'Other' } } },
          class_uid: { requirement: 'required', enum: { '0': { caption: 'Base' } } },
          category_uid: { requirement: 'required' },
          type_uid: { requirement: 'required' },
          gone: { requirement: 'optional' },
          t: { requirement: 'required' },
        },
      }),
      hidden: entity({
        name: 'hidden',
        extends: 'base_event',
        category: 'cat',
        attributes: { activity_id: { enum: { '1': { caption: 'Create' } } } },
      }),
      child: entity({
        name: 'child',
        caption: 'Child',
        uid: 3,
        extends: 'hidden',
        attributes: {
          gone: null,
          q: { profile: null, requirement: 'recommended' },
          thing: { requirement: 'optional' },
          e: { $include: 'enums/e.json', requirement: 'optional' },
        },
      }),
    },
    objects: {
      object: entity({ name: 'object', attributes: {} }),
      _base: entity({ name: '_base', extends: 'object', attributes: { a: { requirement: 'recommended' } } }),
      thing: entity({ name: 'thing', extends: '_base', constraints: { at_least_one: ['a'] }, attributes: { t: {} } }),
    },
    profiles: {
      prof: entity({ name: 'prof', caption: 'Prof', attributes: {} }),
      datetime: entity({ name: 'datetime', attributes: {} }),
    },
    readInclude: (path) => {
      const found = includes[path];
      if (!found) throw new Error(`no ${path}`);
      return found;
    },
    ...overrides,
  };
}

function classNamed(schema: OcsfSchema, name: string): OcsfClass {
  const found = schema.classes.find((c) => c.name === name);
  if (!found) throw new Error(`no class ${name}`);
  return found;
}

const attribute = (entity: { attributes: OcsfClass['attributes'] }, name: string) =>
  entity.attributes.find((a) => a.name === name);

describe('compileSchema', () => {
  const schema = compileSchema(source());
  const child = classNamed(schema, 'child');

  it('lists base_event and classes with a uid, not hidden intermediate classes', () => {
    expect(schema.classes.map((c) => [c.name, c.uid])).toEqual([
      ['base_event', 0],
      ['child', 9003],
    ]);
    expect(child).toMatchObject({ category: 'cat', categoryUid: 9, extends: 'hidden' });
  });

  it('inherits attributes, unions enums along the chain and removes attributes set to null', () => {
    expect(attribute(child, 'activity_id')?.enum?.map((v) => v.value)).toEqual([0, 1, 99]);
    expect(attribute(child, 'gone')).toBeUndefined();
    expect(attribute(classNamed(schema, 'base_event'), 'gone')).toBeDefined();
  });

  it('lets the file win over its includes and marks profile attributes (unless the class says profile: null)', () => {
    expect(attribute(child, 'a')).toMatchObject({ requirement: 'optional', description: 'from include' });
    expect(attribute(child, 'p')).toMatchObject({ profile: 'prof', requirement: 'required', group: 'primary' });
    expect(attribute(child, 'q')?.profile).toBeUndefined();
    expect(attribute(child, 'q')?.requirement).toBe('recommended');
    expect(child.profiles).toEqual(['datetime', 'prof']);
    expect(attribute(child, 'e')).toMatchObject({ requirement: 'optional', enum: [{ value: 0 }, { value: 1 }] });
  });

  it('sets class_uid, category_uid and type_uid enums from the class', () => {
    expect(attribute(child, 'class_uid')?.enum).toEqual([{ value: 9003, caption: 'Child' }]);
    expect(attribute(child, 'category_uid')?.enum).toEqual([{ value: 9, caption: 'Category Nine' }]);
    expect(attribute(child, 'type_uid')?.enum?.map((v) => v.value)).toEqual([900300, 900301, 900399]);
  });

  it('resolves dictionary types: objects become object_t, timestamps get a datetime-profile _dt sibling', () => {
    expect(attribute(child, 'thing')).toMatchObject({ type: 'object_t', objectType: 'thing', isArray: true });
    expect(attribute(child, 't')?.description).toBe('The t value \u2014 plain.');
    expect(attribute(child, 't_dt')).toMatchObject({ type: 'datetime_t', profile: 'datetime', requirement: 'optional' });
  });

  it('resolves objects through hidden bases and keeps their constraints', () => {
    expect(schema.objects.map((o) => o.name)).toEqual(['object', 'thing']);
    const thing = schema.objects[1];
    expect(thing?.attributes.map((a) => a.name)).toEqual(['a', 't', 't_dt']);
    expect(thing?.constraints).toEqual({ atLeastOne: ['a'] });
  });

  it('fails on attributes missing from the dictionary and on a version other than the pinned one', () => {
    const broken = source();
    const objects = { ...broken.objects, thing: { name: 'thing', attributes: { nope: {} } } };
    expect(() => compileSchema({ ...broken, objects })).toThrow(/thing\.nope is not defined in dictionary/);
    expect(() => compileSchema(source({ version: '1.0.0' }))).toThrow(/pinned/);
  });
});

import { describe, expect, it } from 'vitest';
import type { OcsfAttribute } from './mapping-types.ts';
import { suggestTargets, type SuggestionSource } from './target-suggestions.ts';

const attr = (name: string, extra: Partial<OcsfAttribute> = {}): OcsfAttribute => ({
  name,
  caption: name.replace(/_/g, ' '),
  description: '',
  type: 'string_t',
  object_type: null,
  is_array: false,
  requirement: 'optional',
  enum: null,
  sibling: null,
  profile: null,
  deprecated: null,
  ...extra,
});

const source: SuggestionSource = {
  root: [attr('finding_info', { type: 'object_t', object_type: 'finding_info' }), attr('message'), attr('resources', { type: 'object_t', object_type: 'resource_details', is_array: true }), attr('severity'), attr('severity_id', { type: 'integer_t' }), attr('unmapped', { type: 'object_t', object_type: 'object' })],
  objects: { finding_info: [attr('title'), attr('uid'), attr('desc', { caption: 'Description' })] },
};

describe('suggestTargets', () => {
  it('suggests class attributes by prefix, then by substring or caption', () => {
    expect(suggestTargets('sev', source).paths).toEqual(['severity', 'severity_id']);
    expect(suggestTargets('', source).paths).toHaveLength(6);
    expect(suggestTargets('age', source).paths).toEqual(['message']);
  });

  it("walks into loaded objects, and names the object it still needs", () => {
    expect(suggestTargets('finding_info.t', source).paths).toEqual(['finding_info.title', 'finding_info.desc']); // prefix first, then caption (Description)
    expect(suggestTargets('finding_info.descr', source).paths).toEqual(['finding_info.desc']);
    expect(suggestTargets('resources.', source).paths).toEqual(['resources.0']);
    expect(suggestTargets('resources.0.u', source)).toEqual({ paths: [], needs: 'resource_details' });
    expect(suggestTargets('resources.x.u', source).paths).toEqual([]);
  });

  it('stops at non-objects, free-form objects and unknown names; offers annotations on asset classes', () => {
    expect(suggestTargets('severity_id.x', source).paths).toEqual([]);
    expect(suggestTargets('unmapped.x', source).paths).toEqual([]);
    expect(suggestTargets('nope.x', source).paths).toEqual([]);
    expect(suggestTargets('patchbay', source).paths).toEqual([]);
    expect(suggestTargets('patchbay', { ...source, annotations: true }).paths).toEqual(['patchbay.criticality', 'patchbay.tags']);
  });
});

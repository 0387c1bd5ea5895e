import { describe, expect, it } from 'vitest';
import { fromRule, NEW_RULE, toRuleInput } from './rule-draft.ts';

const jira = '0b6c7f0e-6f43-4f57-9f0e-2f1d1d0b7a11';

describe('the ticket rule form', () => {
  it('sends the rule as the API takes it', () => {
    const body = toRuleInput({ ...NEW_RULE, name: 'critical vulns', instanceId: jira, criticalityAtLeast: 'high', assetTags: 'production', fieldMapping: '{ "components": [{ "name": "Security" }] }', priorityMatrix: '{ "high": { "none": 2 } }' });
    expect(body).toMatchObject({
      name: 'critical vulns',
      instance_id: jira,
      source_instance_id: null,
      filter_criteria: { class_uids: [2002], severity_at_least: 4 },
      asset_conditions: { criticality_at_least: 'high', tags_any: ['production'], match: 'any' },
      field_mapping: { components: [{ name: 'Security' }] },
      priority_matrix: { high: { none: 2 } },
      sla_policy_id: null,
      title_template: null,
    });
    expect(toRuleInput({ ...NEW_RULE, name: 'x', instanceId: jira }).asset_conditions).toBeNull();
  });
  it('says which field is wrong', () => {
    expect(() => toRuleInput(NEW_RULE)).toThrow(/name/);
    expect(() => toRuleInput({ ...NEW_RULE, name: 'x' })).toThrow(/ITSM integration/);
    expect(() => toRuleInput({ ...NEW_RULE, name: 'x', instanceId: jira, fieldMapping: '{ nope' })).toThrow(/field mapping is not valid JSON/);
    expect(() => toRuleInput({ ...NEW_RULE, name: 'x', instanceId: jira, priorityMatrix: '[1]' })).toThrow(/priority matrix must be a JSON object/);
    expect(() => toRuleInput({ ...NEW_RULE, name: 'x', instanceId: jira, priorityMatrix: '{ "high": { "none": 7 } }' })).toThrow(/row “high” must map asset criticalities to priorities 1-5/);
  });
  it('reads a stored rule back unchanged', () => {
    const body = toRuleInput({ ...NEW_RULE, name: 'r', instanceId: jira, groupBy: 'asset', titleTemplate: 'record.finding_info.title' });
    const stored = { ...body, id: 'r1', created_at: '', updated_at: '' } as Parameters<typeof fromRule>[0];
    expect(toRuleInput(fromRule(stored))).toEqual(body);
  });
});

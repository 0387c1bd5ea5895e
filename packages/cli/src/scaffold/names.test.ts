import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { camelCase, parseKebabName, pascalCase, singular, titleCase } from './names.ts';

describe('scaffold names', () => {
  it('accepts kebab-case ids and refuses the rest with a usage error', () => {
    const parse = parseKebabName('the connector id');
    expect(parse('crowdstrike-falcon')).toBe('crowdstrike-falcon');
    expect(parse('m365-defender')).toBe('m365-defender');
    for (const bad of ['Okta', 'okta_2', '-okta', 'okta-', 'okta--x', '2fa-tool', 'a'.repeat(65), '']) {
      expect(() => parse(bad), bad).toThrow(InvalidArgumentError);
    }
  });

  it('derives identifiers and titles', () => {
    expect(pascalCase('acme-edr')).toBe('AcmeEdr');
    expect(camelCase('system-log')).toBe('systemLog');
    expect(titleCase('acme-edr')).toBe('Acme Edr');
  });

  it('singularises the usual plural nouns and leaves the rest', () => {
    const cases = { alerts: 'alert', vulnerabilities: 'vulnerability', 'audit-logs': 'audit-log', boxes: 'box', patches: 'patch', addresses: 'address', status: 'status', 'system-log': 'system-log', keys: 'key' };
    for (const [plural, one] of Object.entries(cases)) expect(singular(plural), plural).toBe(one);
  });
});

import { describe, expect, it } from 'vitest';
import { isPatchbayError } from '@patchbay/types';
import { MappedRecord } from '../sync/normalize-page.ts';
import { checkMapping, compileMapping } from './compile-mapping.ts';

const finding = () => ({ class_uid: 2004, finding_info: { uid: 'f-1', title: 'original' }, severity_id: 1, metadata: { product: { name: 'P' } } });

function invalid(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isPatchbayError(error)) return error;
    throw error;
  }
  throw new Error('expected MAPPING_INVALID');
}

describe('compileMapping', () => {
  it('rejects an expression that does not parse, naming the field and the position', () => {
    const error = invalid(() => compileMapping({ fieldMappings: { 'finding_info.title': 'raw.title &' } }, 2004));
    expect(error.code).toBe('MAPPING_INVALID');
    expect(error.field).toBe('field_mappings.finding_info.title');
    expect(error.message).toMatch(/position 11/);
    expect(error.details).toMatchObject({ errors: [{ field: 'field_mappings.finding_info.title', position: 11, code: 'S0207' }] });
  });

  it('rejects targets the OCSF class lacks, with a suggestion, and collects every problem in checkMapping', () => {
    const report = checkMapping(
      {
        fieldMappings: { 'finding_info.titel': 'raw.t', 'device.groups.name': '"g"', 'severity_id.x': '1', 'patchbay.criticality': '"high"', 'patchbay.owner': '1', 'Bad Path': '1' },
        transformations: [{ remove: 'nope' }, { expression: '(' }],
      },
      2004,
    );
    const byField = Object.fromEntries(report.errors.map((e) => [e.field, e.message]));
    expect(byField['field_mappings.finding_info.titel']).toMatch(/no attribute "titel" \(did you mean title/);
    expect(byField['field_mappings.device.groups.name']).toMatch(/is an array: index an element \(device\.groups\.0\.name\)/);
    expect(byField['field_mappings.severity_id.x']).toMatch(/integer_t: it has no attributes/);
    expect(byField['field_mappings.patchbay.criticality']).toMatch(/applies to assets/);
    expect(byField['field_mappings.patchbay.owner']).toMatch(/not a Patchbay target/);
    expect(byField['field_mappings.Bad Path']).toMatch(/not a dotted OCSF path/);
    expect(byField['transformations.0.remove']).toMatch(/no attribute "nope"/);
    expect(byField['transformations.1.expression']).toBeDefined();
    expect(checkMapping({ fieldMappings: { 'unmapped.anything.deep': '1', 'device.groups.0.name': '"g"', 'resources.0.uid': '"r"' } }, 2004).errors).toEqual([]);
    expect(checkMapping({ fieldMappings: { 'device.hostname': '"h"' } }, 2004).warnings).toEqual([]);
  });

  it('sets, keeps and removes attributes: undefined keeps the connector value, null removes it; shallow paths first', async () => {
    const { override } = compileMapping(
      {
        fieldMappings: {
          'finding_info.title': '$uppercase(raw.name)',
          'severity_id': 'raw.score > 80 ? 4 : ocsf.severity_id',
          'finding_info.desc': 'raw.missing',
          'metadata.product': 'null',
          'finding_info.types': '[raw.kind]',
          'finding_info': 'ocsf.finding_info',
        },
      },
      2004,
    );
    const input = finding();
    const out = (await override(input, { name: 'hello', score: 90, kind: 'malware' })) as Record<string, unknown>;
    expect(out).toEqual({ class_uid: 2004, finding_info: { uid: 'f-1', title: 'HELLO', types: ['malware'] }, severity_id: 4, metadata: {} });
    expect(input).toEqual(finding()); // the connector's output is not mutated (copy on write)
  });

  it('applies transformations in order: remove, then a whole-record expression that sees the result', async () => {
    const { override } = compileMapping({ fieldMappings: {}, transformations: [{ remove: 'metadata' }, { expression: '$merge([ocsf, { "message": $string($count($keys(ocsf))) }])' }] }, 2004);
    expect(await override(finding(), {})).toEqual({ class_uid: 2004, finding_info: { uid: 'f-1', title: 'original' }, severity_id: 1, message: '3' });
  });

  it('fails a record whose expression errors or runs away, naming the field', async () => {
    const { override } = compileMapping({ fieldMappings: { 'severity_id': '$number(raw.score)' } }, 2004);
    await expect(override(finding(), { score: 'high' })).rejects.toMatchObject({ field: 'field_mappings.severity_id', code: 'MAPPING_FAILED', message: expect.stringMatching(/Unable to cast value to a number/) });
    const slow = compileMapping({ fieldMappings: { message: '( $f := function($n) { $n <= 1 ? 1 : $f($n-1) + $f($n-2) }; $string($f(60)) )' } }, 2004);
    const started = performance.now();
    await expect(slow.override(finding(), {})).rejects.toMatchObject({ message: expect.stringMatching(/longer than 250 ms/) });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('produces asset annotations on inventory streams: criticality normalised, tags de-duplicated, bad values fail', async () => {
    const { override, annotates } = compileMapping({ fieldMappings: { 'patchbay.criticality': 'raw.tier = 1 ? "Critical" : "low"', 'patchbay.tags': '[raw.site, raw.site, "edr"]' } }, 5001);
    expect(annotates).toBe(true);
    const out = await override({ class_uid: 5001 }, { tier: 1, site: 'paris' });
    expect(out).toBeInstanceOf(MappedRecord);
    expect((out as MappedRecord).annotations).toEqual({ criticality: 'critical', tags: ['paris', 'edr'] });
    await expect(override({ class_uid: 5001 }, { tier: 2, site: { x: 1 } })).rejects.toMatchObject({ field: 'field_mappings.patchbay.tags' });
    const bad = compileMapping({ fieldMappings: { 'patchbay.criticality': '"urgent"' } }, 5001);
    await expect(bad.override({ class_uid: 5001 }, {})).rejects.toMatchObject({ message: expect.stringMatching(/one of low, medium, high, critical/) });
  });
});

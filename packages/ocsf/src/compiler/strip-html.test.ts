import { describe, expect, it } from 'vitest';
import { deepMerge } from './deep-merge.ts';
import { stripHtml } from './strip-html.ts';

describe('stripHtml', () => {
  it('turns the HTML of OCSF descriptions into plain text', () => {
    expect(stripHtml('Use <code>status_id</code> &mdash; <b>must</b> be &gt; 1.<br>Next<p>Para</p>')).toBe(
      'Use status_id \u2014 must be > 1.\nNext\nPara',
    );
    expect(stripHtml("<a target='_blank' href='x'>CWE.</a>")).toBe('CWE.');
    expect(stripHtml('<strong>Examples:</strong><ul><li>AWS</li><li>GCP</li></ul>')).toBe('Examples:\n- AWS\n- GCP');
  });
});

describe('deepMerge', () => {
  it('merges objects recursively; the override wins for scalars, arrays and null', () => {
    const base = { a: 1, nested: { x: 1, y: 2 }, list: [1, 2], keep: 'k', profile: 'host' };
    const override = { a: 2, nested: { y: 3, z: 4 }, list: [3], profile: null };
    expect(deepMerge(base, override)).toEqual({ a: 2, nested: { x: 1, y: 3, z: 4 }, list: [3], keep: 'k', profile: null });
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { formatTable, meetsTarget, toResultLine, writeResults } from './report.ts';

describe('bench report', () => {
  it('computes the ratio against the baseline and checks the target on it', () => {
    const line = toResultLine('x', { metric: 'm', value: 110, unit: 'us', baseline: 100, target: 1.15, better: 'lower' }, new Date(0));
    expect(line).toEqual({ bench: 'x', metric: 'm', value: 110, unit: 'us', baseline: 100, ratio: 1.1, target: 1.15, better: 'lower', db: 'none', at: '1970-01-01T00:00:00.000Z' });
    expect(meetsTarget(line)).toBe(true);
    expect(meetsTarget({ ...line, ratio: 1.2 })).toBe(false);
    expect(meetsTarget(toResultLine('x', { metric: 'rps', value: 900, unit: '1/s', target: 1000, better: 'higher' }))).toBe(false);
    expect(formatTable([line])).toContain('| m      | 110   | us   | 100      | 1.1   | 1.15   | yes |');
  });

  it('appends JSON lines to <dir>/<bench>.jsonl', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    writeResults('demo', [{ metric: 'a', value: 1, unit: 'ms', better: 'lower' }], dir);
    writeResults('demo', [{ metric: 'b', value: 2, unit: 'ms', better: 'lower' }], dir);
    log.mockRestore();
    const lines = readFileSync(join(dir, 'demo.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { metric: string });
    expect(lines.map((l) => l.metric)).toEqual(['a', 'b']);
    rmSync(dir, { recursive: true, force: true });
  });
});

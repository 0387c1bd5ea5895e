import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemorySource, memoryConnector } from '@patchbay/engine/testing';
import { registerNormalize, runNormalize } from './normalize.ts';

const connectors = [memoryConnector(new MemorySource())];
const item = (n: number) => ({ id: `f-${n}`, title: `finding ${n}`, severity: n, updated: 1_700_000_000_000 + n });

async function normalize(text: string, extra: Partial<Parameters<typeof runNormalize>[0]> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runNormalize({ connectors, connectorId: 'memory-source', stream: 'findings', text, out: (l) => out.push(l), err: (l) => err.push(l), ...extra });
  return { code, out, err };
}

describe('patchbay normalize', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints one OCSF record per input record, in order, from a JSON array or JSON lines', async () => {
    const fromArray = await normalize(JSON.stringify([item(1), item(9), item(1)]));
    expect(fromArray.code).toBe(0);
    expect(fromArray.err).toEqual([]);
    expect(fromArray.out.map((l) => JSON.parse(l).finding_info.uid)).toEqual(['f-1', 'f-9', 'f-1']);
    expect(JSON.parse(fromArray.out[1]!)).toMatchObject({ class_uid: 2004, severity_id: 4, time: 1_700_000_000_009 });
    const fromLines = await normalize(`${JSON.stringify(item(2))}\n\n${JSON.stringify(item(3))}\n`);
    expect(fromLines.out.map((l) => JSON.parse(l).finding_info.uid)).toEqual(['f-2', 'f-3']);
    expect((await normalize(JSON.stringify(item(4)))).out).toHaveLength(1);
  });

  it('writes the reason for each invalid record to stderr, null in its place on stdout, and exits 1', async () => {
    const r = await normalize([JSON.stringify(item(1)), JSON.stringify({ ...item(2), updated: 'soon' }), '{not json', JSON.stringify({ title: 'no id' })].join('\n'));
    expect(r.code).toBe(1);
    expect(r.out.map((l) => (l === 'null' ? null : JSON.parse(l).finding_info.uid))).toEqual(['f-1', null, null, null]);
    expect(r.err[0]).toMatch(/^record 2 \(id f-2\): invalid OCSF: \/time: /);
    expect(r.err[1]).toMatch(/^record 3: line 3 is not JSON/);
    expect(r.err[2]).toMatch(/^record 4: failed: .*no usable id/);
    expect(r.err.at(-1)).toBe('3 record(s) could not be normalised');
    const kept = await normalize(JSON.stringify([{ ...item(2), updated: 'soon' }]), { keepInvalid: true });
    expect(JSON.parse(kept.out[0]!)).toMatchObject({ finding_info: { uid: 'f-2' } });
  });

  it('applies a mapping file after the connector mapper, and names unknown connectors and streams', async () => {
    const mapped = await normalize(JSON.stringify([item(1)]), { mapping: { field_mappings: { 'finding_info.title': '$uppercase(raw.title)' } } });
    expect(JSON.parse(mapped.out[0]!).finding_info.title).toBe('FINDING 1');
    await expect(normalize('[]', { connectorId: 'nope' })).rejects.toMatchObject({ code: 'CONNECTOR_NOT_FOUND', hint: expect.stringMatching(/memory-source/) });
    await expect(normalize('[]', { stream: 'alerts' })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'stream' });
    await expect(normalize('[]', { mapping: { field_mappings: { 'finding_info.title': '(' } } })).rejects.toMatchObject({ code: 'MAPPING_INVALID' });
  });

  it('runs as a command over a file, without a hub', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'patchbay-normalize-'));
    const file = join(dir, 'raw.jsonl');
    writeFileSync(file, `${JSON.stringify(item(5))}\n${JSON.stringify({ ...item(6), updated: 'x' })}\n`);
    const stdout: string[] = [];
    const stderr: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true));
    const program = new Command('patchbay').exitOverride();
    registerNormalize(program, async () => connectors);
    const before = process.exitCode;
    await program.parseAsync(['normalize', '--connector', 'memory-source', '--stream', 'findings', file], { from: 'user' });
    const code = process.exitCode;
    process.exitCode = before;
    vi.restoreAllMocks();
    expect(code).toBe(1);
    expect(stdout.join('').trim().split('\n').map((l) => (l === 'null' ? null : JSON.parse(l).finding_info.uid))).toEqual(['f-5', null]);
    expect(stderr.join('')).toMatch(/record 2 \(id f-6\): invalid OCSF/);
  });
});

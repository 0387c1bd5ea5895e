import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const sdk = fileURLToPath(new URL('../../../../sdk-python/', import.meta.url));

describe('the Python SDK (sdk-python)', () => {
  it('passes its own unit tests (python3 -m unittest, standard library only)', () => {
    const run = spawnSync('python3', ['-W', 'error::ResourceWarning', '-m', 'unittest', 'discover', '-s', 'tests'], { cwd: sdk, encoding: 'utf8', timeout: 120_000 });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output).toBe(0);
    expect(output).toMatch(/Ran \d+ tests/);
    expect(output).toMatch(/\nOK\b/);
  }, 150_000);
});

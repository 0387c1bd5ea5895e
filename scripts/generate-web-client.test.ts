import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_TYPES_FILE, GENERATED_MARKER, renderClientTypes } from './generate-web-client.ts';

const root = new URL('..', import.meta.url).pathname;

describe("the web UI's generated API types", () => {
  it('are exactly what the generator writes for the current route table (run node scripts/generate-web-client.ts)', async () => {
    const checkedIn = readFileSync(join(root, CLIENT_TYPES_FILE), 'utf8');
    expect(checkedIn.split('\n')[0]).toBe(GENERATED_MARKER);
    const fresh = await renderClientTypes();
    expect(checkedIn === fresh, `${CLIENT_TYPES_FILE} is stale: run node scripts/generate-web-client.ts`).toBe(true);
  }, 60_000);
});

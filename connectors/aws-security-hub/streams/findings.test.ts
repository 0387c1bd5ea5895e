import { describe, expect, it } from 'vitest';
import { connectorContext } from '@patchbay/conformance';
import { loadFixtures, replayTransport } from '@patchbay/sdk/testing';
import { ManualClock } from '@patchbay/types';
import connector from '../connector.ts';
import { findings } from './findings.ts';

const fixture = (name: string) => loadFixtures(new URL(`../fixtures/${name}`, import.meta.url).pathname);

async function readAll(name: string) {
  const ctx = connectorContext({
    connector,
    // No base_url: the real endpoint of the home Region, answered from the hand-written fixtures.
    configuration: { region: 'us-east-1', page_size: 2 },
    allowPrivateNetwork: false,
    clock: new ManualClock('2026-05-01T01:00:00Z'),
    transport: replayTransport(await fixture(name)),
  });
  const pages: { ids: string[]; cursor: string | undefined }[] = [];
  try {
    for await (const page of findings.fetch(ctx as never, undefined)) pages.push({ ids: page.records.map((r) => r.Id), cursor: page.checkpoint.regions['us-east-1']?.cursor });
  } finally {
    await ctx.close();
  }
  return pages;
}

describe('findings over recorded GetFindings exchanges (fixtures/, hand-written)', () => {
  it('follows NextToken in the body to the last page and moves the Region cursor to the end of the run', async () => {
    const pages = await readAll('get-findings-pages.json');
    expect(pages.flatMap((p) => p.ids)).toHaveLength(3);
    expect(pages.at(-1)!.cursor).toBe('2026-05-01T01:00:00.000Z');
  });

  it('turns InvalidInputException on a NextToken into PAGE_TOKEN_EXPIRED', async () => {
    await expect(readAll('get-findings-errors.json')).rejects.toMatchObject({ code: 'PAGE_TOKEN_EXPIRED' });
  });
});

import { describe, expect, it } from 'vitest';
import { paginateCursor } from './cursor.ts';
import { collect, FakeHttpClient } from './fake-http-client.ts';
import { paginateIdsThenDetails, type IdsThenDetailsState } from './ids-then-details.ts';
import { paginateOffset } from './offset.ts';

/** CrowdStrike-style: `queries/alerts` lists ids by offset (3 per page), `entities/alerts` takes ids in the body. */
function falcon(ids: string[]) {
  return new FakeHttpClient((request, url) => {
    if (url.pathname === '/alerts/queries/alerts/v2') {
      const offset = Number(url.searchParams.get('offset'));
      return { body: { resources: ids.slice(offset, offset + 3) } };
    }
    const asked = (request.body as { composite_ids: string[] }).composite_ids;
    return { body: { resources: asked.map((id) => ({ composite_id: id })) } };
  });
}

type State = IdsThenDetailsState<string, number>;

function listing(http: FakeHttpClient, start?: State) {
  return paginateIdsThenDetails<string, { composite_id: string }, number>(
    { http },
    {
      ids: (resume) => paginateOffset<string>({ http }, { request: { url: '/alerts/queries/alerts/v2' }, items: 'resources', limit: 3, ...(resume === undefined ? {} : { start: resume }) }),
      details: (batch) => ({ method: 'POST', url: '/alerts/entities/alerts/v2', body: { composite_ids: batch } }),
      items: 'resources',
      batchSize: 2,
      ...(start === undefined ? {} : { start }),
    },
  );
}

const ids = ['a', 'b', 'c', 'd', 'e'];

describe('paginateIdsThenDetails', () => {
  it('fetches details in batches and records the ids still pending', async () => {
    const pages = await collect(listing(falcon(ids)));
    expect(pages.map((p) => [p.ids, p.items.map((i) => i.composite_id), p.next])).toEqual([
      [['a', 'b'], ['a', 'b'], { ids: 3, pending: ['c'] }],
      [['c'], ['c'], { ids: 3, pending: [] }],
      [['d', 'e'], ['d', 'e'], null],
    ]);
  });

  it('resumes mid-page: finishes the pending ids, then continues the ids listing', async () => {
    const http = falcon(ids);
    const pages = await collect(listing(http, { ids: 3, pending: ['c'] }));
    expect(pages.flatMap((p) => p.ids)).toEqual(['c', 'd', 'e']);
    expect(http.urls).toEqual([
      'https://api.vendor.test/alerts/entities/alerts/v2',
      'https://api.vendor.test/alerts/queries/alerts/v2?offset=3&limit=3',
      'https://api.vendor.test/alerts/entities/alerts/v2',
    ]);
  });

  it('finishes without listing ids again when the ids listing had ended', async () => {
    const http = falcon(ids);
    const pages = await collect(listing(http, { ids: null, pending: ['e'] }));
    expect(pages.map((p) => [p.ids, p.next])).toEqual([[['e'], null]]);
    expect(http.requests).toHaveLength(1);
  });

  it('yields nothing for an empty ids listing', async () => {
    const http = falcon([]);
    expect(await collect(listing(http))).toEqual([]);
    expect(http.requests).toHaveLength(1);
  });

  it('composes with a cursor-paginated ids listing (GuardDuty ListFindings)', async () => {
    const http = new FakeHttpClient((request) => {
      if (request.url === '/findings') {
        const token = (request.body as { nextToken?: string }).nextToken;
        return { body: token === undefined ? { findingIds: ['f1', 'f2', 'f3'], nextToken: 't2' } : { findingIds: ['f4'], nextToken: '' } };
      }
      return { body: { findings: (request.body as { findingIds: string[] }).findingIds.map((id) => ({ id })) } };
    });
    const pages = await collect(
      paginateIdsThenDetails<string, { id: string }, string>(
        { http },
        {
          ids: (start) =>
            paginateCursor<string>({ http }, { request: { method: 'POST', url: '/findings', body: {} }, items: 'findingIds', nextToken: { body: 'nextToken' }, sendToken: { body: 'nextToken' }, ...(start === undefined ? {} : { start }) }),
          details: (batch) => ({ method: 'POST', url: '/findings/get', body: { findingIds: batch } }),
          items: 'findings',
          batchSize: 2,
        },
      ),
    );
    expect(pages.map((p) => [p.ids, p.next])).toEqual([
      [['f1', 'f2'], { ids: 't2', pending: ['f3'] }],
      [['f3'], { ids: 't2', pending: [] }],
      [['f4'], null],
    ]);
  });

  it('rejects a batch size that would never advance', async () => {
    const http = falcon(ids);
    const bad = paginateIdsThenDetails({ http }, { ids: () => paginateOffset({ http }, { request: { url: '/x' }, items: 'resources', limit: 3 }), details: () => ({ url: '/y' }), items: 'r', batchSize: 0 });
    await expect(collect(bad)).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});

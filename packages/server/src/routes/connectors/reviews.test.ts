import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInConnectors, featuredCollections } from '@patchbay/engine';
import { testDatabaseKinds } from '@patchbay/store/testing';
import type { Role } from '@patchbay/types';
import { createTestHub, type TestHub } from '../../testing/test-hub.ts';

describe.each(testDatabaseKinds())('reviews and the catalogue around them on %s', (kind) => {
  let hub: TestHub;
  let other: { organizationId: string; adminToken: string };

  const call = (role: Role, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => hub.app.inject({ method, url, headers: hub.auth(role), payload });
  const theirs = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => hub.app.inject({ method, url, headers: { authorization: `Bearer ${other.adminToken}` }, payload });
  const reviews = '/api/integration/connectors/http-json/reviews';

  beforeAll(async () => {
    hub = await createTestHub(kind, {}, { connectors: builtInConnectors });
    other = await hub.addOrganization('elsewhere');
  });
  afterAll(() => hub.close());

  it('writes one review per person, validates it, and refuses readers-only roles', async () => {
    const created = await call('editor', 'POST', reviews, { rating: 4, title: ' Does the job ', body: 'Paging just worked.' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ connector_id: 'http-json', rating: 4, title: 'Does the job', author: 'editor', is_mine: true, helpful_count: 0, my_vote: null });
    const again = await call('editor', 'POST', reviews, { rating: 5, title: 'Again', body: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ALREADY_EXISTS', hint: expect.stringContaining(`/reviews/${created.json().id}`) });
    const bad = await call('admin', 'POST', reviews, { rating: 6, title: 'Too good', body: 'x' });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.rating' });
    const blank = await call('admin', 'POST', reviews, { rating: 3, title: '   ', body: 'x' });
    expect(blank.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.title' });
    expect((await call('viewer', 'POST', reviews, { rating: 1, title: 'No', body: 'no' })).statusCode).toBe(403);
    expect((await call('admin', 'POST', '/api/integration/connectors/nope/reviews', { rating: 1, title: 'No', body: 'no' })).json().code).toBe('CONNECTOR_NOT_FOUND');
  });

  it('computes the catalogue rating and counts from the reviews, sorts by rating and filters installed', async () => {
    hub.clock.advance(60_000); // newest first: this review is a minute younger than the editor's
    expect((await call('admin', 'POST', reviews, { rating: 2, title: 'Needs care', body: 'Map severities yourself.' })).statusCode).toBe(201);
    expect((await call('admin', 'POST', '/api/integration/connectors/okta/reviews', { rating: 5, title: 'Great', body: 'Suspend in one click.' })).statusCode).toBe(201);
    const list = await call('viewer', 'GET', reviews);
    expect(list.json().summary).toEqual({ average: 3, count: 2, histogram: [0, 1, 0, 1, 0] });
    expect(list.json().items.map((r: { title: string }) => r.title)).toEqual(['Needs care', 'Does the job']);
    expect((await call('viewer', 'GET', '/api/integration/connectors/http-json')).json()).toMatchObject({ rating: 3, review_count: 2 });

    const byRating = (await call('viewer', 'GET', '/api/integration/connectors?sort=rating&limit=2')).json();
    expect(byRating.items.map((c: { id: string }) => c.id)).toEqual(['okta', 'http-json']);
    const rest = (await call('viewer', 'GET', `/api/integration/connectors?sort=rating&limit=200&cursor=${byRating.next_cursor}`)).json();
    expect(rest.items.every((c: { rating: number | null }) => c.rating === null)).toBe(true);
    expect(rest.items.length + 2).toBe((await call('viewer', 'GET', '/api/integration/connectors?limit=200')).json().items.length);

    const made = await call('editor', 'POST', '/api/integration/instances', { name: 'feed', connector_id: 'http-json', configuration: { base_url: 'https://api.example.com' } });
    expect(made.statusCode, made.body).toBe(201);
    const installed = (await call('viewer', 'GET', '/api/integration/connectors?installed=true')).json();
    expect(installed.items.map((c: { id: string; install_count: number }) => [c.id, c.install_count])).toEqual([['http-json', 1]]);
    const notInstalled = (await call('viewer', 'GET', '/api/integration/connectors?installed=false&limit=200')).json();
    expect(notInstalled.items.map((c: { id: string }) => c.id)).not.toContain('http-json');
  });

  it('counts helpful votes (one per person, changeable, never on your own review) and sorts by them', async () => {
    const list = (await call('viewer', 'GET', reviews)).json();
    const editors = list.items.find((r: { title: string }) => r.title === 'Does the job');
    const vote = (role: Role, helpful: boolean | null) => call(role, 'PUT', `${reviews}/${editors.id}/vote`, { helpful });
    // Most helpful first, whatever the age: the editor's older review leads once it has a vote.
    expect((await vote('admin', true)).json()).toMatchObject({ helpful_count: 1, not_helpful_count: 0, my_vote: true });
    expect((await vote('admin', false)).json()).toMatchObject({ helpful_count: 0, not_helpful_count: 1, my_vote: false });
    expect((await vote('admin', true)).json()).toMatchObject({ helpful_count: 1, my_vote: true });
    expect((await vote('platform-admin', true)).json()).toMatchObject({ helpful_count: 2 });
    expect((await vote('platform-admin', null)).json()).toMatchObject({ helpful_count: 1, my_vote: null });
    const own = await vote('editor', true);
    expect(own.statusCode).toBe(409);
    expect(own.json().code).toBe('CONFLICT');
    const helpfulFirst = (await call('viewer', 'GET', `${reviews}?sort=helpful&limit=1`)).json();
    expect(helpfulFirst.items.map((r: { title: string }) => r.title)).toEqual(['Does the job']);
    const second = (await call('viewer', 'GET', `${reviews}?sort=helpful&limit=1&cursor=${helpfulFirst.next_cursor}`)).json();
    expect(second.items.map((r: { title: string }) => r.title)).toEqual(['Needs care']);
    expect(second.next_cursor).toBeNull();
  });

  it('lets only the author edit, and the author or an admin delete', async () => {
    const editors = (await call('viewer', 'GET', reviews)).json().items.find((r: { title: string }) => r.title === 'Does the job');
    expect((await call('admin', 'PUT', `${reviews}/${editors.id}`, { rating: 1, title: 'Hijack', body: 'x' })).statusCode).toBe(403);
    const edited = await call('editor', 'PUT', `${reviews}/${editors.id}`, { rating: 5, title: 'Does the job well', body: 'Paging and auth just worked.' });
    expect(edited.json()).toMatchObject({ rating: 5, title: 'Does the job well', helpful_count: 1 });
    expect((await call('viewer', 'GET', '/api/integration/connectors/http-json')).json()).toMatchObject({ rating: 3.5, review_count: 2 });
    expect((await call('admin', 'DELETE', `${reviews}/${editors.id}`)).statusCode).toBe(204);
    expect((await call('viewer', 'GET', '/api/integration/connectors/http-json')).json()).toMatchObject({ rating: 2, review_count: 1 });
    const audit = (await call('admin', 'GET', '/api/admin/audit?limit=200')).json().items.map((r: { action: string }) => r.action);
    expect(audit).toEqual(expect.arrayContaining(['review.created', 'review.updated', 'review.deleted']));
  });

  it("keeps each organisation's reviews to itself", async () => {
    const theirList = (await theirs('GET', reviews)).json();
    expect(theirList).toMatchObject({ items: [], summary: { average: null, count: 0 } });
    expect((await theirs('GET', '/api/integration/connectors/http-json')).json()).toMatchObject({ rating: null, review_count: 0, install_count: 0 });
    const mine = (await call('viewer', 'GET', reviews)).json().items[0];
    expect((await theirs('PUT', `${reviews}/${mine.id}/vote`, { helpful: true })).statusCode).toBe(404);
  });

  it('serves the featured collections, the categories with counts, and changelogs', async () => {
    const collections = (await call('viewer', 'GET', '/api/integration/collections')).json().items;
    expect(collections.map((c: { slug: string }) => c.slug)).toEqual(featuredCollections.map((c) => c.slug));
    expect(collections.find((c: { slug: string }) => c.slug === 'bring-your-own').connectors).toEqual(['http-json', 'webhook-receiver']);
    const categories = (await call('viewer', 'GET', '/api/integration/categories')).json().items as { category: string; count: number }[];
    const all = (await call('viewer', 'GET', '/api/integration/connectors?limit=200')).json().items as { category: string }[];
    expect(categories.reduce((n, c) => n + c.count, 0)).toBe(all.length);
    expect(categories.find((c) => c.category === 'cloud-security')?.count).toBe(all.filter((c) => c.category === 'cloud-security').length);
    const changelog = (await call('viewer', 'GET', '/api/integration/connectors/http-json/changelog')).json();
    expect(changelog).toMatchObject({ version: '1.0.0', entries: [{ version: '1.0.0', date: null, changes: expect.arrayContaining([expect.stringMatching(/^First version/)]) }] });
    expect((await call('viewer', 'GET', '/api/integration/connectors/test-source/changelog')).json()).toEqual({ version: '1.0.0', entries: [] });
  });

  it('tells the caller who they are and what their role may do', async () => {
    expect((await call('viewer', 'GET', '/api/auth/me')).json()).toMatchObject({ role: 'viewer', label: expect.stringContaining('viewer@example.com'), can: { write: false, admin: false, audit: false } });
    expect((await call('editor', 'GET', '/api/auth/me')).json()).toMatchObject({ role: 'editor', user_id: expect.any(String), can: { write: true, admin: false } });
    expect((await call('admin', 'GET', '/api/auth/me')).json()).toMatchObject({ role: 'admin', can: { write: true, admin: true, audit: true } });
    expect((await hub.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });
});

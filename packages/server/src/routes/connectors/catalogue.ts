import { z } from 'zod';
import { route } from '../../route-def.ts';
import { standardErrors } from '../../schemas/common.ts';

const idParam = z.object({ id: z.string().min(1).describe('The connector key, e.g. `crowdstrike-falcon`') });
const tags = ['connectors'];

/** The catalogue around the connector list: featured collections, categories with counts, changelogs. */
export const catalogueRoutes = [
  route({
    method: 'GET',
    url: '/api/integration/collections',
    access: 'read',
    summary: 'Featured collections of connectors',
    description: "Hand-picked sets from the catalogue file (packages/engine/src/catalog/featured-collections.ts), with the connectors of each you can see.",
    tags,
    schema: {
      response: {
        200: z.object({ items: z.array(z.object({ slug: z.string(), title: z.string(), description: z.string(), icon: z.string(), connectors: z.array(z.string()).describe('Connector ids, in order') })) }),
        ...standardErrors,
      },
    },
    handler: async ({ engine, actor }) => ({ items: (await engine.collections.list(actor)).map((c) => ({ ...c, connectors: [...c.connectors] })) }),
  }),
  route({
    method: 'GET',
    url: '/api/integration/categories',
    access: 'read',
    summary: 'Connector categories with the number of connectors in each',
    tags,
    schema: { response: { 200: z.object({ items: z.array(z.object({ category: z.string(), count: z.number().int() })) }), ...standardErrors } },
    handler: async ({ engine, actor }) => ({ items: await engine.connectors.categories(actor) }),
  }),
  route({
    method: 'GET',
    url: '/api/integration/connectors/:id/changelog',
    access: 'read',
    summary: "A connector's version history",
    description: "A built-in connector's CHANGELOG.md, newest version first; registered programs publish none.",
    tags,
    schema: {
      params: idParam,
      response: {
        200: z.object({ version: z.string().describe('The version in the catalogue'), entries: z.array(z.object({ version: z.string(), date: z.string().nullable(), changes: z.array(z.string()) })) }),
        ...standardErrors,
      },
    },
    async handler({ engine, actor, params }) {
      const log = await engine.collections.changelog(actor, params.id);
      return { version: log.version, entries: log.entries.map((e) => ({ version: e.version, date: e.date, changes: [...e.changes] })) };
    },
  }),
];

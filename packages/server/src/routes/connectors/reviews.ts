import { z } from 'zod';
import { route } from '../../route-def.ts';
import { problem, standardErrors } from '../../schemas/common.ts';
import { reviewBody, reviewJson, reviewQuery, reviewSummaryJson, toReviewJson, toReviewSummaryJson, voteBody } from '../../schemas/review.ts';

const connectorParam = z.object({ id: z.string().min(1).describe('The connector key, e.g. `crowdstrike-falcon`') });
const reviewParam = connectorParam.extend({ review_id: z.uuid() });
const tags = ['reviews'];
const withConflict = { ...standardErrors, 409: problem };

/** Reviews of a connector (the caller's organisation's), and helpful votes on them. */
export const reviewRoutes = [
  route({
    method: 'GET',
    url: '/api/integration/connectors/:id/reviews',
    access: 'read',
    summary: "List a connector's reviews, with the rating summary",
    description: 'Reviews are per organisation: you see those written in yours. `summary` covers all of them, whatever the page.',
    tags,
    schema: {
      params: connectorParam,
      querystring: reviewQuery,
      response: { 200: z.object({ items: z.array(reviewJson), next_cursor: z.string().nullable(), summary: reviewSummaryJson }), ...standardErrors },
    },
    async handler({ engine, actor, params, query }) {
      const page = await engine.reviews.list(actor, params.id, query);
      const summary = await engine.reviews.summary(actor, params.id);
      return { items: page.items.map(toReviewJson), next_cursor: page.nextCursor, summary: toReviewSummaryJson(summary) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/integration/connectors/:id/reviews',
    access: 'write',
    summary: 'Review a connector (one review per person; edit it with PUT)',
    tags,
    status: 201,
    schema: { params: connectorParam, body: reviewBody, response: { 201: reviewJson, ...withConflict } },
    handler: async ({ engine, actor, params, body }) => toReviewJson(await engine.reviews.create(actor, params.id, body)),
  }),
  route({
    method: 'PUT',
    url: '/api/integration/connectors/:id/reviews/:review_id',
    access: 'write',
    summary: 'Edit your review',
    tags,
    schema: { params: reviewParam, body: reviewBody, response: { 200: reviewJson, ...standardErrors } },
    handler: async ({ engine, actor, params, body }) => toReviewJson(await engine.reviews.update(actor, params.id, params.review_id, body)),
  }),
  route({
    method: 'DELETE',
    url: '/api/integration/connectors/:id/reviews/:review_id',
    access: 'write',
    summary: 'Delete a review (its author, or an admin)',
    tags,
    status: 204,
    schema: { params: reviewParam, response: { 204: z.null(), ...standardErrors } },
    async handler({ engine, actor, params }) {
      await engine.reviews.remove(actor, params.id, params.review_id);
      return null;
    },
  }),
  route({
    method: 'PUT',
    url: '/api/integration/connectors/:id/reviews/:review_id/vote',
    access: 'write',
    summary: "Vote a review helpful or not (or withdraw your vote); not on your own",
    tags,
    schema: { params: reviewParam, body: voteBody, response: { 200: reviewJson, ...withConflict } },
    handler: async ({ engine, actor, params, body }) => toReviewJson(await engine.reviews.vote(actor, params.id, params.review_id, body.helpful)),
  }),
];

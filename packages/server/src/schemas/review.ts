import { z } from 'zod';
import { reviewSorts, type ReviewRow, type ReviewSummary } from '@patchbay/engine';
import { iso, pageQuery } from './common.ts';

export const reviewJson = z.object({
  id: z.uuid(),
  connector_id: z.string(),
  rating: z.number().int().min(1).max(5),
  title: z.string(),
  body: z.string(),
  author: z.string().describe("The reviewer's name"),
  is_mine: z.boolean().describe('Whether the caller wrote it (only its author edits it)'),
  helpful_count: z.number().int(),
  not_helpful_count: z.number().int(),
  my_vote: z.boolean().nullable().describe("The caller's vote: true helpful, false not helpful, null none"),
  created_at: iso,
  updated_at: iso,
});

export const reviewSummaryJson = z.object({
  average: z.number().nullable().describe('Average rating (1-5, two decimals); null without reviews'),
  count: z.number().int(),
  histogram: z.array(z.number().int()).length(5).describe('Reviews with 1, 2, 3, 4 and 5 stars'),
});

export const reviewBody = z
  .object({
    rating: z.number().int().min(1).max(5).describe('1 (poor) to 5 (excellent) stars'),
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(5000).describe('What worked, what did not'),
  })
  .strict();

export const voteBody = z.object({ helpful: z.boolean().nullable().describe('true: helpful; false: not helpful; null withdraws your vote') }).strict();

export const reviewQuery = pageQuery.extend({ sort: z.enum(reviewSorts).default('newest').describe('newest first, or most helpful first') });

export function toReviewJson(r: ReviewRow): z.infer<typeof reviewJson> {
  return {
    id: r.id,
    connector_id: r.connectorId,
    rating: r.rating,
    title: r.title,
    body: r.body,
    author: r.authorName,
    is_mine: r.isMine,
    helpful_count: r.helpfulCount,
    not_helpful_count: r.notHelpfulCount,
    my_vote: r.myVote,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

export const toReviewSummaryJson = (s: ReviewSummary): z.infer<typeof reviewSummaryJson> => ({ average: s.average, count: s.count, histogram: [...s.histogram] });

import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import { connectorReviews, connectorReviewVotes, users } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { isUniqueViolation } from '../lib/db-errors.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import type { ConnectorService } from './connectors.ts';

export const reviewSorts = ['newest', 'helpful'] as const;
export type ReviewSort = (typeof reviewSorts)[number];

export interface ReviewInput {
  readonly rating: number;
  readonly title: string;
  readonly body: string;
}

export interface ReviewRow {
  readonly id: string;
  readonly connectorId: string;
  readonly userId: string;
  readonly authorName: string;
  readonly rating: number;
  readonly title: string;
  readonly body: string;
  readonly helpfulCount: number;
  readonly notHelpfulCount: number;
  /** The caller's own vote on it: true (helpful), false (not helpful), null (none). */
  readonly myVote: boolean | null;
  readonly isMine: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ReviewSummary {
  readonly average: number | null;
  readonly count: number;
  /** How many reviews gave 1, 2, 3, 4 and 5 stars (index 0 is one star). */
  readonly histogram: readonly [number, number, number, number, number];
}

export interface ReviewFilter extends PageRequest {
  readonly sort?: ReviewSort;
}

function personOf(actor: Actor, what: string): string {
  if (!actor.userId) {
    throw new PatchbayError('FORBIDDEN', {
      message: `${what} needs a person: ${actor.label} is not a user`,
      hint: 'Use the API token of a user (every token created with POST /api/admin/tokens belongs to one).',
    });
  }
  return actor.userId;
}

function validated(input: ReviewInput): ReviewInput {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) {
    throw new PatchbayError('VALIDATION_FAILED', { field: 'rating', message: `rating must be a whole number from 1 to 5, not ${input.rating}`, hint: 'Give 1 (poor) to 5 (excellent) stars.' });
  }
  const title = input.title.trim();
  const body = input.body.trim();
  if (!title) throw new PatchbayError('VALIDATION_FAILED', { field: 'title', message: 'title is empty', hint: 'Sum the review up in a few words.' });
  if (!body) throw new PatchbayError('VALIDATION_FAILED', { field: 'body', message: 'body is empty', hint: 'Say what worked and what did not.' });
  return { rating: input.rating, title, body };
}

/**
 * Reviews of catalogue connectors, scoped to the caller's organisation: list (newest or most helpful first),
 * write one per person, edit or delete one's own (admins may delete any), vote others' helpful or not.
 */
export function createReviewService(deps: EngineDeps, connectors: ConnectorService) {
  const { db } = deps.database;

  const helpful = sql<number>`(select count(*)::int from connector_review_votes v where v.review_id = ${connectorReviews.id} and v.helpful)`;
  const notHelpful = sql<number>`(select count(*)::int from connector_review_votes v where v.review_id = ${connectorReviews.id} and not v.helpful)`;

  function myVoteOf(actor: Actor) {
    if (!actor.userId) return sql<boolean | null>`null::boolean`;
    return sql<boolean | null>`(select v.helpful from connector_review_votes v where v.review_id = ${connectorReviews.id} and v.user_id = ${actor.userId})`;
  }

  async function read(actor: Actor, where: SQL[], orderBy: SQL[], limit: number) {
    const rows = await db
      .select({ review: connectorReviews, authorName: users.name, helpful, notHelpful, myVote: myVoteOf(actor) })
      .from(connectorReviews)
      .innerJoin(users, eq(users.id, connectorReviews.userId))
      .where(and(eq(connectorReviews.organizationId, actor.organizationId), ...where))
      .orderBy(...orderBy)
      .limit(limit);
    return rows.map(
      (r): ReviewRow => ({
        id: r.review.id,
        connectorId: r.review.connectorId,
        userId: r.review.userId,
        authorName: r.authorName,
        rating: r.review.rating,
        title: r.review.title,
        body: r.review.body,
        helpfulCount: r.helpful,
        notHelpfulCount: r.notHelpful,
        myVote: r.myVote,
        isMine: r.review.userId === actor.userId,
        createdAt: r.review.createdAt,
        updatedAt: r.review.updatedAt,
      }),
    );
  }

  async function get(actor: Actor, connectorId: string, reviewId: string): Promise<ReviewRow> {
    const [row] = await read(actor, [eq(connectorReviews.connectorId, connectorId), eq(connectorReviews.id, reviewId)], [desc(connectorReviews.createdAt)], 1);
    if (!row) throw new PatchbayError('NOT_FOUND', { field: 'review_id', message: `No review ${reviewId} of connector ${connectorId}`, hint: `List the reviews with GET /api/integration/connectors/${connectorId}/reviews.` });
    return row;
  }

  return {
    get,

    async list(actor: Actor, connectorId: string, filter: ReviewFilter): Promise<Page<ReviewRow>> {
      await connectors.get(actor, connectorId);
      const limit = clampLimit(filter.limit);
      const where: SQL[] = [eq(connectorReviews.connectorId, connectorId)];
      if (filter.sort === 'helpful') {
        if (filter.cursor) {
          const [count, at, id] = decodeCursor(filter.cursor, 3);
          const after = new Date(String(at));
          where.push(or(lt(helpful, Number(count)), and(eq(helpful, Number(count)), or(lt(connectorReviews.createdAt, after), and(eq(connectorReviews.createdAt, after), lt(connectorReviews.id, String(id))))))!);
        }
        const rows = await read(actor, where, [desc(helpful), desc(connectorReviews.createdAt), desc(connectorReviews.id)], limit + 1);
        return toPage(rows, limit, (r) => [r.helpfulCount, r.createdAt.toISOString(), r.id]);
      }
      if (filter.cursor) {
        const [at, id] = decodeCursor(filter.cursor, 2);
        const after = new Date(String(at));
        where.push(or(lt(connectorReviews.createdAt, after), and(eq(connectorReviews.createdAt, after), lt(connectorReviews.id, String(id))))!);
      }
      const rows = await read(actor, where, [desc(connectorReviews.createdAt), desc(connectorReviews.id)], limit + 1);
      return toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    async summary(actor: Actor, connectorId: string): Promise<ReviewSummary> {
      await connectors.get(actor, connectorId);
      const rows = await db
        .select({ rating: connectorReviews.rating, count: sql<number>`count(*)::int` })
        .from(connectorReviews)
        .where(and(eq(connectorReviews.organizationId, actor.organizationId), eq(connectorReviews.connectorId, connectorId)))
        .groupBy(connectorReviews.rating);
      const histogram: [number, number, number, number, number] = [0, 0, 0, 0, 0];
      for (const r of rows) histogram[r.rating - 1] = r.count;
      const count = histogram.reduce((a, b) => a + b, 0);
      const average = count ? Math.round((histogram.reduce((sum, n, i) => sum + n * (i + 1), 0) / count) * 100) / 100 : null;
      return { average, count, histogram };
    },

    async create(actor: Actor, connectorId: string, input: ReviewInput): Promise<ReviewRow> {
      const userId = personOf(actor, 'A review');
      await connectors.get(actor, connectorId);
      const review = validated(input);
      const now = deps.clock.now();
      try {
        const id = await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(connectorReviews)
            .values({ organizationId: actor.organizationId, connectorId, userId, ...review, createdAt: now, updatedAt: now })
            .returning({ id: connectorReviews.id });
          await appendAudit(tx, deps.clock, actor, { action: 'review.created', targetType: 'connector_review', targetId: row!.id, after: { connectorId, rating: review.rating } });
          return row!.id;
        });
        return await get(actor, connectorId, id);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const [mine] = await db
          .select({ id: connectorReviews.id })
          .from(connectorReviews)
          .where(and(eq(connectorReviews.organizationId, actor.organizationId), eq(connectorReviews.connectorId, connectorId), eq(connectorReviews.userId, userId)));
        throw new PatchbayError('ALREADY_EXISTS', {
          message: `You already reviewed ${connectorId}`,
          hint: `Edit your review with PUT /api/integration/connectors/${connectorId}/reviews/${mine?.id ?? '{review_id}'}.`,
        });
      }
    },

    async update(actor: Actor, connectorId: string, reviewId: string, input: ReviewInput): Promise<ReviewRow> {
      const userId = personOf(actor, 'A review');
      const existing = await get(actor, connectorId, reviewId);
      if (existing.userId !== userId) throw new PatchbayError('FORBIDDEN', { message: 'Only its author can edit a review', hint: 'Write your own review with POST instead.' });
      const review = validated(input);
      await db.transaction(async (tx) => {
        await tx.update(connectorReviews).set({ ...review, updatedAt: deps.clock.now() }).where(eq(connectorReviews.id, reviewId));
        await appendAudit(tx, deps.clock, actor, { action: 'review.updated', targetType: 'connector_review', targetId: reviewId, before: { rating: existing.rating }, after: { rating: review.rating } });
      });
      return get(actor, connectorId, reviewId);
    },

    async remove(actor: Actor, connectorId: string, reviewId: string): Promise<void> {
      const existing = await get(actor, connectorId, reviewId);
      const admin = actor.role === 'admin' || actor.role === 'platform-admin';
      if (existing.userId !== actor.userId && !admin) throw new PatchbayError('FORBIDDEN', { message: 'Only its author or an admin can delete a review', hint: 'Ask an admin to remove it.' });
      await db.transaction(async (tx) => {
        await tx.delete(connectorReviews).where(eq(connectorReviews.id, reviewId));
        await appendAudit(tx, deps.clock, actor, { action: 'review.deleted', targetType: 'connector_review', targetId: reviewId, before: { rating: existing.rating, author: existing.userId } });
      });
    },

    /** Sets the caller's vote (helpful or not), or withdraws it with `null`. Nobody votes on their own review. */
    async vote(actor: Actor, connectorId: string, reviewId: string, helpfulVote: boolean | null): Promise<ReviewRow> {
      const userId = personOf(actor, 'A helpful vote');
      const existing = await get(actor, connectorId, reviewId);
      if (existing.userId === userId) throw new PatchbayError('CONFLICT', { field: 'review_id', message: 'You cannot vote on your own review', hint: 'Votes tell the author and others what readers found useful.' });
      if (helpfulVote === null) {
        await db.delete(connectorReviewVotes).where(and(eq(connectorReviewVotes.reviewId, reviewId), eq(connectorReviewVotes.userId, userId)));
      } else {
        await db
          .insert(connectorReviewVotes)
          .values({ reviewId, userId, helpful: helpfulVote, createdAt: deps.clock.now() })
          .onConflictDoUpdate({ target: [connectorReviewVotes.reviewId, connectorReviewVotes.userId], set: { helpful: helpfulVote, createdAt: deps.clock.now() } });
      }
      return get(actor, connectorId, reviewId);
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;

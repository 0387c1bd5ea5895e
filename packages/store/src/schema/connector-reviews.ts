import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { connectors } from './connectors.ts';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

/**
 * Reviews of a connector: one per person per connector (writing again edits it), a 1-5 rating with a title
 * and a text. They belong to the reviewer's organisation, like everything else: the catalogue's rating and
 * review count are computed from the organisation's own reviews, never stored on the connector.
 */
export const connectorReviews = pgTable(
  'connector_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    connectorId: text('connector_id')
      .notNull()
      .references(() => connectors.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    rating: integer('rating').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('connector_reviews_author_uq').on(t.organizationId, t.connectorId, t.userId),
    index('connector_reviews_connector_idx').on(t.organizationId, t.connectorId, t.createdAt),
    check('connector_reviews_rating_range', sql`${t.rating} between 1 and 5`),
  ],
);

/** "Was this review helpful?": one vote per person per review, yes or no; changing it replaces it. */
export const connectorReviewVotes = pgTable(
  'connector_review_votes',
  {
    reviewId: uuid('review_id')
      .notNull()
      .references(() => connectorReviews.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    helpful: boolean('helpful').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.userId] })],
);

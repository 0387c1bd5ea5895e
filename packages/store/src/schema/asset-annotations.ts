import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { records } from './records.ts';

export const criticalities = ['low', 'medium', 'high', 'critical'] as const;
export type Criticality = (typeof criticalities)[number];

/**
 * What people and mappings say about an asset, beside the synced record: the runner never rewrites the
 * API columns, so a re-sync keeps them. The API's values win over the mapping's; `null` means "not set
 * here" (an empty tag list set through the API is a value).
 */
export const assetAnnotations = pgTable(
  'asset_annotations',
  {
    recordId: uuid('record_id')
      .primaryKey()
      .references(() => records.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull(),
    criticality: text('criticality').$type<Criticality>(),
    tags: text('tags').array(),
    /** Set by the stream's active mapping (`patchbay.criticality`, `patchbay.tags`) when it writes the record. */
    mappingCriticality: text('mapping_criticality').$type<Criticality>(),
    mappingTags: text('mapping_tags').array(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [index('asset_annotations_org_idx').on(t.organizationId)],
);

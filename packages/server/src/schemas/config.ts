import { z } from 'zod';
import type { ImportResult } from '@patchbay/engine';

const boolQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const importQuery = z.object({
  dry_run: boolQuery.describe('Plan only: check and show the changes, apply nothing'),
  prune: boolQuery.describe('Delete instances, mappings, subscriptions, webhook endpoints and destinations the document does not list'),
});

export const importResultJson = z.object({
  dry_run: z.boolean(),
  applied: z.boolean().describe('Something changed'),
  summary: z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int(), delete: z.number().int() }),
  changes: z.array(z.object({ kind: z.string().describe('instance, mapping, subscription, webhook_endpoint or destination'), name: z.string(), action: z.enum(['create', 'update', 'unchanged', 'delete']) })),
});

export const toImportResultJson = (r: ImportResult): z.infer<typeof importResultJson> => ({ dry_run: r.dryRun, applied: r.applied, summary: r.summary, changes: r.changes });

import { z } from 'zod';
import { DEFAULT_LIMIT, MAX_LIMIT } from '@patchbay/engine';

export const uuidParam = z.object({ id: z.uuid() });

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT).describe(`Items per page (1-${MAX_LIMIT})`),
  cursor: z.string().min(1).optional().describe('The next_cursor of the previous page'),
});

/** `{ items, next_cursor }`, the shape of every list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() });
}

export const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    request_id: z.string().optional(),
    field: z.string().optional(),
    hint: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details; `code` is stable (docs/errors.md)');

export const iso = z.string().describe('ISO 8601 date-time');
export const isoOrNull = iso.nullable();

export const toIso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** Error responses every authenticated route may give. */
export const standardErrors = { 400: problem, 401: problem, 403: problem, 404: problem, 429: problem } as const;

import { defineAction } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { z } from 'zod';
import type { DefenderConfig } from '../config.ts';

const input = z.object({
  query: z.string().min(1).max(30_000).describe('The advanced hunting query, in KQL (e.g. DeviceProcessEvents | where Timestamp > ago(1h) | take 100)'),
});

const output = z.object({
  schema: z.array(z.object({ name: z.string(), type: z.string() })),
  results: z.array(z.record(z.string(), z.unknown())),
  row_count: z.number().int(),
});

interface HuntingResults {
  readonly schema?: readonly { readonly name?: string; readonly Name?: string; readonly type?: string; readonly Type?: string }[] | null;
  readonly results?: readonly Record<string, unknown>[] | null;
}

/**
 * POST /security/microsoft.graph.security.runHuntingQuery (the qualified name of runHuntingQuery,
 * https://learn.microsoft.com/en-us/graph/api/security-security-runhuntingquery?view=graph-rest-1.0): runs a
 * KQL query over the advanced hunting tables (last 30 days) and returns its schema and rows. Read-only.
 */
export const runHuntingQuery = defineAction<typeof input, typeof output, DefenderConfig>({
  name: 'run-hunting-query',
  title: 'Run advanced hunting query',
  description: 'Runs a KQL advanced hunting query in Microsoft Defender XDR (Graph runHuntingQuery) and returns the rows.',
  input,
  output,
  readOnly: true,
  impact: 'low',
  category: 'investigate',
  permissions: ['ThreatHunting.Read.All'],
  async run(ctx, values) {
    const response = await ctx.http.post<HuntingResults>('security/microsoft.graph.security.runHuntingQuery', { Query: values.query }, { operation: 'run-hunting-query' });
    const body = response.body;
    if (typeof body !== 'object' || body === null || (body.results !== undefined && body.results !== null && !Array.isArray(body.results))) {
      throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: 'runHuntingQuery answered without a results list' });
    }
    const schema = (body.schema ?? []).map((column) => ({ name: column.name ?? column.Name ?? '', type: column.type ?? column.Type ?? '' }));
    const results = [...(body.results ?? [])];
    return { schema, results, row_count: results.length };
  },
});

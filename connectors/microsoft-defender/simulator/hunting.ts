import { readFileSync } from 'node:fs';
import type { Answer } from './answers.ts';
import { badRequest } from './answers.ts';

/**
 * Advanced hunting rows for the simulated runHuntingQuery: the real Defender XDR AlertInfo and
 * AlertEvidence events of ../shared/vendor/samples/panther-rule-tests/microsoft_defender_rules.json (each
 * entry's `log.properties` is one row of the table its `log.category` names).
 */
const SAMPLES = new URL('../../../../shared/vendor/samples/panther-rule-tests/microsoft_defender_rules.json', import.meta.url);

interface Sample {
  readonly log: { readonly category: string; readonly properties: Record<string, unknown> };
}

/** `2025-04-21 20:51:04.058183200` (the export's text) as the ISO time runHuntingQuery answers with. */
function isoTimestamp(value: unknown): unknown {
  return typeof value === 'string' ? `${value.replace(' ', 'T').replace(/(\.\d{7})\d*$/, '$1')}Z` : value;
}

function loadTables(): Map<string, Record<string, unknown>[]> {
  const tables = new Map<string, Record<string, unknown>[]>();
  for (const sample of JSON.parse(readFileSync(SAMPLES, 'utf8')) as Sample[]) {
    const table = sample.log.category.replace(/^AdvancedHunting-/, '');
    const row = { ...sample.log.properties, Timestamp: isoTimestamp(sample.log.properties.Timestamp) };
    tables.set(table, [...(tables.get(table) ?? []), row]);
  }
  return tables;
}

let tables: Map<string, Record<string, unknown>[]> | undefined;

/** The hunting tables of the samples: `AlertInfo`, `AlertEvidence`. */
export function huntingTables(): Map<string, Record<string, unknown>[]> {
  tables ??= loadTables();
  return tables;
}

const QUERY = /^\s*([A-Za-z]\w*)\s*(?:\|\s*(?:take|limit)\s+(\d+)\s*)?$/;

function typeOf(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'Int64' : 'Double';
  if (typeof value === 'boolean') return 'Boolean';
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? 'DateTime' : 'String';
}

/**
 * POST runHuntingQuery with `{ "Query": "<KQL>" }` (the simulator understands `Table` and `Table | take N`):
 * `{ schema: [{ name, type }], results: [...] }`. An unknown table or an unparsable query is Graph's 400.
 */
export function huntingAnswer(body: unknown): Answer {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const query = fields.Query ?? fields.query;
  if (typeof query !== 'string' || query.trim() === '') return badRequest('BadRequest', "The 'Query' parameter is required.");
  const match = QUERY.exec(query);
  if (!match) return badRequest('BadRequest', 'Query could not be parsed at the simulator: use "Table" or "Table | take N".');
  const rows = huntingTables().get(match[1]!);
  if (!rows) return badRequest('BadRequest', `Failed to resolve table expression named '${match[1]}'`);
  const results = match[2] === undefined ? rows : rows.slice(0, Number(match[2]));
  const columns = Object.keys(rows[0] ?? {});
  return {
    status: 200,
    body: {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults',
      '@odata.type': '#microsoft.graph.security.huntingQueryResults',
      schema: columns.map((name) => ({ name, type: typeOf(rows[0]![name]) })),
      results,
    },
  };
}

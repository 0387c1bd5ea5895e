import type { ScaffoldNames } from '../scaffold-names.ts';

export function streamFile(n: ScaffoldNames): string {
  return `import { datetimeCursorStateSchema, defineStream, incrementalByDatetime, paginateCursor } from '@patchbay/sdk';
import { z } from 'zod';
import type { ${n.typePrefix}Config } from '../connector.ts';
import { ${n.mapFunction}, type ${n.recordType} } from '../mappers/${n.record}.ts';
import { expiringCursors } from './expired-cursor.ts';

const checkpoint = z.object({ cursor: datetimeCursorStateSchema });

/**
 * GET /v1/${n.stream}: ${n.stream} whose updated_at is in [from, to], oldest first, \`limit\` per page, the
 * next page's token in meta.next_cursor (null on the last page) sent back as \`cursor\`; an expired
 * cursor is answered 410. The stream reads on an updated_at cursor with a minute of overlap, so changed
 * ${n.stream} come again and none is lost.
 */
export const ${n.streamBinding} = defineStream<${n.recordType}, typeof checkpoint, ${n.typePrefix}Config>({
  name: '${n.stream}',
  title: ${JSON.stringify(n.streamTitle)},
  description: ${JSON.stringify(`${n.streamTitle} created or changed since the last run.`)},
  ocsf: { class: 'detection_finding', classUid: 2004 },
  primaryKey: 'id',
  checkpoint,
  fullRefresh: false,
  permissions: ['${n.stream}:read'],
  schedule: { intervalMinutes: 5 },
  fetch: async function* (ctx, state) {
    const pages = incrementalByDatetime<${n.recordType}>({
      clock: ctx.clock,
      state: state?.cursor,
      startAt: (now) => new Date(now.getTime() - 7 * 86_400_000),
      overlapMs: 60_000,
      timestamp: (record) => record.updated_at,
      id: (record) => record.id,
      order: 'ascending',
      query: ({ from, to }) =>
        paginateCursor<${n.recordType}>(expiringCursors(ctx), {
          request: {
            url: '/v1/${n.stream}',
            query: { from: from.toISOString(), to: to.toISOString(), sort: 'updated_at:asc', limit: ctx.config.page_size },
            operation: 'list-${n.stream}',
          },
          items: 'data',
          nextToken: { body: 'meta.next_cursor' },
          sendToken: { query: 'cursor' },
          // The API may answer an empty page that still carries a cursor: keep reading.
          stopOnEmptyPage: false,
        }),
    });
    for await (const page of pages) yield { records: page.records, checkpoint: { cursor: page.state } };
  },
  map: ${n.mapFunction},
});
`;
}

import type { ScaffoldNames } from '../scaffold-names.ts';

/** The clock and configuration the generated replay test uses: the fixture URLs follow from them. */
export const FIXTURE_NOW = '2026-05-01T00:00:00.000Z';
export const FIXTURE_PAGE_SIZE = 2;
/** The stream's first run starts a week back, minus its minute of overlap (templates/stream.ts). */
const FIRST_RUN_SPAN_MS = 7 * 86_400_000 + 60_000;

export const fixtureBaseUrl = (n: ScaffoldNames) => `https://api.${n.id}.example`;

/** A request URL as the replay transport compares it: query parameters sorted, values encoded. */
function listUrl(n: ScaffoldNames, cursor?: string): string {
  const url = new URL(`/v1/${n.stream}`, fixtureBaseUrl(n));
  const to = Date.parse(FIXTURE_NOW);
  url.searchParams.set('from', new Date(to - FIRST_RUN_SPAN_MS).toISOString());
  url.searchParams.set('to', new Date(to).toISOString());
  url.searchParams.set('sort', 'updated_at:asc');
  url.searchParams.set('limit', String(FIXTURE_PAGE_SIZE));
  if (cursor !== undefined) url.searchParams.set('cursor', cursor);
  url.searchParams.sort();
  return url.href;
}

function record(n: ScaffoldNames, serial: number, severity: string, hostname: string | null, updatedAt: string) {
  return {
    id: `${n.record}-${serial}`,
    title: `${n.streamTitle} #${serial}`,
    severity,
    status: serial === 3 ? 'resolved' : 'new',
    created_at: '2026-04-30T08:00:00.000Z',
    updated_at: updatedAt,
    hostname,
    rule_id: `rule-${serial}`,
  };
}

const json = (body: unknown) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: { json: body } });

/** Two pages of the listing, the second the last, in the SDK's fixture format (`loadFixtures`). */
export function pagesFixture(n: ScaffoldNames): string {
  const fixture = {
    version: 1,
    note: `Hand-written: two pages of GET /v1/${n.stream} as the simulator serves them; replace with recorded fixtures (patchbay connector record ${n.id}).`,
    exchanges: [
      {
        request: { method: 'GET', url: listUrl(n) },
        response: json({
          data: [record(n, 1, 'critical', 'ws-042.corp.example', '2026-04-30T09:00:00.000Z'), record(n, 2, 'low', null, '2026-04-30T09:00:00.000Z')],
          meta: { next_cursor: 'cGFnZS0y' },
        }),
      },
      {
        request: { method: 'GET', url: listUrl(n, 'cGFnZS0y') },
        response: json({ data: [record(n, 3, 'medium', 'srv-7.corp.example', '2026-04-30T10:30:00.000Z')], meta: { next_cursor: null } }),
      },
    ],
  };
  return `${JSON.stringify(fixture, null, 2)}\n`;
}

/** The API's answer to a token it does not accept. */
export function unauthorizedFixture(n: ScaffoldNames): string {
  const fixture = {
    version: 1,
    note: 'Hand-written: the answer to an invalid or revoked token.',
    exchanges: [
      {
        request: { method: 'GET', url: new URL('/v1/me', fixtureBaseUrl(n)).href },
        response: { status: 401, headers: { 'content-type': 'application/json' }, body: { json: { error: 'invalid_token' } } },
      },
    ],
  };
  return `${JSON.stringify(fixture, null, 2)}\n`;
}

export function fixturesReadme(n: ScaffoldNames): string {
  return `# Fixtures

HTTP exchanges in the SDK's fixture format (\`loadFixtures\` / \`replayTransport\` from \`@patchbay/sdk/testing\`).

| file | origin |
| --- | --- |
| \`${n.stream}-pages.json\` | **hand-written**: two pages of \`GET /v1/${n.stream}\`, the second the last |
| \`unauthorized.json\` | **hand-written**: the 401 answer to a rejected token |
| \`recorded/\` | written by \`patchbay connector record ${n.id}\` from a live API, secrets scrubbed |

Replace the hand-written files with recorded ones once you have access to the vendor, or keep them and
say which documentation page each follows.
`;
}

import { readFile, writeFile } from 'node:fs/promises';

/**
 * The fixture file: JSON, one object, meant to be read and reviewed in a pull request.
 *
 *     { "version": 1,
 *       "exchanges": [
 *         { "request":  { "method": "GET", "url": "https://api.vendor.com/v1/alerts?api_key=[REDACTED]&limit=2" },
 *           "response": { "status": 200, "headers": { "content-type": "application/json" },
 *                         "body": { "json": { "items": [] } } } } ] }
 *
 * Bodies are `{ "json": value }`, `{ "text": string }` or `{ "base64": string }`, absent when empty.
 * Secrets are replaced by `[REDACTED]` on record; in a recorded request, `[REDACTED]` matches any
 * value on replay. Request headers are not recorded; response headers are, minus volatile and
 * credential-bearing ones.
 */
export type FixtureBody = { readonly json: unknown } | { readonly text: string } | { readonly base64: string };

export interface FixtureRequest {
  readonly method: string;
  readonly url: string;
  readonly body?: FixtureBody;
}

export interface FixtureResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: FixtureBody;
}

export interface FixtureExchange {
  readonly request: FixtureRequest;
  readonly response: FixtureResponse;
}

export interface FixtureFile {
  readonly version: 1;
  readonly exchanges: readonly FixtureExchange[];
}

export async function loadFixtures(path: string): Promise<FixtureFile> {
  const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<FixtureFile>;
  if (parsed.version !== 1 || !Array.isArray(parsed.exchanges)) {
    throw new Error(`${path} is not a Patchbay HTTP fixture file (version 1 with exchanges)`);
  }
  return parsed as FixtureFile;
}

export async function saveFixtures(path: string, fixtures: FixtureFile): Promise<void> {
  await writeFile(path, `${JSON.stringify(fixtures, null, 2)}\n`, 'utf8');
}

export function bodyBytes(body: FixtureBody | undefined): Uint8Array {
  if (body === undefined) return new Uint8Array();
  if ('json' in body) return Buffer.from(JSON.stringify(body.json), 'utf8');
  if ('text' in body) return Buffer.from(body.text, 'utf8');
  return Buffer.from(body.base64, 'base64');
}

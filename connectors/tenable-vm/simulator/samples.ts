import { readFileSync } from 'node:fs';

/**
 * The recorded Tenable sessions the simulator builds its records from (real payloads from pyTenable's
 * test cassettes, ../shared/vendor/samples/tenable-pytenable-cassettes, MIT): every simulated finding,
 * asset and scan is a copy of a real one with a new id and times.
 */
const CASSETTES = new URL('../../../../shared/vendor/samples/tenable-pytenable-cassettes/tests/io/cassettes/', import.meta.url);

interface Exchange {
  readonly method: string;
  readonly uri: string;
  readonly status: number;
  readonly response: unknown;
}

export function cassette(name: string): readonly Exchange[] {
  return JSON.parse(readFileSync(new URL(name, CASSETTES), 'utf8')) as Exchange[];
}

type Json = Record<string, unknown>;

/** The body of the first exchange of `name` whose URI matches. */
function responseOf(name: string, uri: RegExp): unknown {
  const exchange = cassette(name).find((e) => uri.test(e.uri));
  if (!exchange) throw new Error(`${name} has no exchange for ${uri}`);
  return exchange.response;
}

export interface Samples {
  /** test_exports_vulns: chunk 1 of a vulnerability export (344 findings). */
  readonly vulns: readonly Json[];
  /** test_exports_assets: chunk 1 of an asset export (100 assets). */
  readonly assets: readonly Json[];
  /** test_scan_list: GET /scans (475 scans and the folders). */
  readonly scans: readonly Json[];
  readonly folders: readonly Json[];
}

let loaded: Samples | undefined;

export function samples(): Samples {
  if (loaded) return loaded;
  const scanList = responseOf('test_scan_list.decoded.json', /\/scans$/) as { scans: Json[]; folders: Json[] };
  loaded = {
    vulns: responseOf('test_exports_vulns.decoded.json', /\/chunks\/1$/) as Json[],
    assets: responseOf('test_exports_assets.decoded.json', /\/chunks\/1$/) as Json[],
    scans: scanList.scans,
    folders: scanList.folders,
  };
  return loaded;
}

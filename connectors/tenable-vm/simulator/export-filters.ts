import type { Answer } from './tenable-errors.ts';
import { tenableError } from './tenable-errors.ts';

type Json = Record<string, unknown>;

/** What an export request asks for, once its body is read. */
export interface ExportRequest {
  readonly chunkSize: number;
  readonly select: (record: Json) => boolean;
}

class Invalid extends Error {}

const epochSeconds = (iso: unknown) => (typeof iso === 'string' ? Math.floor(Date.parse(iso) / 1000) : Number.NaN);

function integer(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Invalid(`${name} must be a non-negative integer`);
  return value;
}

function clamp(value: number | undefined, fallback: number, [min, max]: readonly [number, number]): number {
  return Math.min(max, Math.max(min, value ?? fallback));
}

/**
 * POST /vulns/export (https://developer.tenable.com/reference/exports-vulns-request-export,
 * https://developer.tenable.com/docs/refine-vulnerability-export-requests): `num_assets` findings per
 * chunk (clamped to the bounds), `filters.state` (default OPEN and REOPENED) and `filters.since` (Unix
 * seconds, inclusive): OPEN/REOPENED findings last found, FIXED ones last fixed, on or after it.
 */
function vulnRequest(body: Json, bounds: readonly [number, number]): ExportRequest {
  const filters = (body.filters ?? {}) as Json;
  const since = integer(filters.since, 'filters.since');
  const states = filters.state === undefined ? ['OPEN', 'REOPENED'] : filters.state;
  if (!Array.isArray(states) || states.some((s) => typeof s !== 'string')) throw new Invalid('filters.state must be a list of states');
  const wanted = new Set(states.map((s: string) => s.toUpperCase()));
  return {
    chunkSize: clamp(integer(body.num_assets, 'num_assets'), 50, bounds),
    select: (record) => {
      const state = String(record.state);
      if (!wanted.has(state)) return false;
      if (since === undefined) return true;
      return epochSeconds(state === 'FIXED' ? record.last_fixed : record.last_found) >= since;
    },
  };
}

/**
 * POST /assets/export (https://developer.tenable.com/reference/exports-assets-request-export):
 * `chunk_size` assets per chunk (required), `filters.updated_at` / `filters.created_at` (Unix seconds:
 * assets updated or created at or after it).
 */
function assetRequest(body: Json, bounds: readonly [number, number]): ExportRequest {
  const filters = (body.filters ?? {}) as Json;
  const chunkSize = integer(body.chunk_size, 'chunk_size');
  if (chunkSize === undefined) throw new Invalid('chunk_size is required');
  const updated = integer(filters.updated_at, 'filters.updated_at');
  const created = integer(filters.created_at, 'filters.created_at');
  return {
    chunkSize: clamp(chunkSize, chunkSize, bounds),
    select: (record) =>
      (updated === undefined || epochSeconds(record.updated_at) >= updated) && (created === undefined || epochSeconds(record.created_at) >= created),
  };
}

/** Reads an export request body; a body Tenable would refuse is a 400 in its format. */
export function readExportRequest(kind: 'vulns' | 'assets', raw: string, bounds: readonly [number, number]): ExportRequest | Answer {
  try {
    const body = (raw === '' ? {} : JSON.parse(raw)) as Json;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Invalid('the body must be a JSON object');
    return kind === 'vulns' ? vulnRequest(body, bounds) : assetRequest(body, bounds);
  } catch (error) {
    if (error instanceof Invalid || error instanceof SyntaxError) return tenableError(400, `Invalid export request: ${error.message}`);
    throw error;
  }
}

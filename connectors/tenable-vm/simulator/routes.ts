import { randomUUID } from 'node:crypto';
import type { Collection } from './collection.ts';
import { readExportRequest } from './export-filters.ts';
import type { ExportJobs } from './export-jobs.ts';
import { samples } from './samples.ts';
import { tenableError, type Answer } from './tenable-errors.ts';

type Json = Record<string, unknown>;

/** The simulated container: its data, its export jobs, and the role of the API user. */
export interface TenableState {
  readonly vulns: Collection;
  readonly assets: Collection;
  readonly scans: Collection;
  readonly jobs: ExportJobs;
  /** Tenable user role of the API keys' user: 16 Basic, 24 Scan Operator, 32 Standard, 40 Scan Manager, 64 Administrator. */
  role: number;
  /** Lowest accepted chunk sizes (Tenable clamps num_assets to 50-5000 and chunk_size to 100-10000). */
  readonly chunkBounds: { readonly vulns: readonly [number, number]; readonly assets: readonly [number, number] };
  readonly now: () => number;
}

export interface Route {
  readonly method: string;
  readonly path: string;
  readonly body: string;
}

const EXPORT = /^\/(vulns|assets)\/export$/;
const STATUS = /^\/(vulns|assets)\/export\/([^/]+)\/status$/;
const CHUNK = /^\/(vulns|assets)\/export\/([^/]+)\/chunks\/([^/]+)$/;
const LAUNCH = /^\/scans\/([^/]+)\/launch$/;
const ADMINISTRATOR = 64;
const SCAN_OPERATOR = 24;
const CAN_EXECUTE = 32;

/** The export uuid a request names, if any (what an injected "expired page token" applies to). */
export function exportIdOf(path: string): string | undefined {
  return STATUS.exec(path)?.[2] ?? CHUNK.exec(path)?.[2];
}

/** POST /{kind}/export: requires the Administrator role. */
function startExport(state: TenableState, kind: 'vulns' | 'assets', body: string): Answer {
  if (state.role < ADMINISTRATOR) return tenableError(403, 'You do not have permission to export data');
  const request = readExportRequest(kind, body, state.chunkBounds[kind]);
  if ('status' in request) return request;
  const records = (kind === 'vulns' ? state.vulns : state.assets).all().filter(request.select);
  return { status: 200, body: { export_uuid: state.jobs.create(kind, records, request.chunkSize) } };
}

/** POST /scans/{scan_id}/launch (https://developer.tenable.com/reference/scans-launch). */
function launch(state: TenableState, scanId: string, body: string): Answer {
  const scan = state.scans.all().find((s) => String(s.id) === scanId || s.schedule_uuid === scanId);
  if (!scan) return tenableError(404, `Scan ${scanId} was not found`);
  if (state.role < SCAN_OPERATOR || Number(scan.user_permissions ?? 0) < CAN_EXECUTE) return tenableError(403, 'You do not have permission to launch this scan');
  if (scan.status === 'imported') return tenableError(403, 'Imported scans cannot be launched');
  if (['running', 'pending', 'initializing', 'processing', 'resuming'].includes(String(scan.status))) return tenableError(409, 'The scan is already running');
  const targets = body === '' ? {} : (JSON.parse(body) as Json);
  if (targets.alt_targets !== undefined && !Array.isArray(targets.alt_targets)) return tenableError(400, 'alt_targets must be an array');
  const run = randomUUID();
  state.scans.set(String(scan.id), { ...scan, status: 'running', uuid: run, last_modification_date: Math.floor(state.now() / 1000) });
  return { status: 200, body: { scan_uuid: run } };
}

/** Every endpoint of the simulated Tenable, after authentication and faults. */
export function route(state: TenableState, request: Route): Answer {
  const { method, path, body } = request;
  let match: RegExpExecArray | null;
  if (method === 'GET' && path === '/session') {
    // GET /session (https://developer.tenable.com/reference/session-get), hand-written values.
    return { status: 200, body: { id: 2, username: 'api-user@example.test', name: 'API user', type: 'local', permissions: state.role, container_uuid: 'c0n7a1ne-0000-4000-8000-000000000001' } };
  }
  if (method === 'GET' && path === '/scans') {
    // GET /scans (https://developer.tenable.com/reference/scans-list): every scan at once, `scans: null` when none.
    const scans = state.scans.all();
    return { status: 200, body: { folders: samples().folders, scans: scans.length ? scans : null, timestamp: Math.floor(state.now() / 1000) } };
  }
  if (method === 'POST' && (match = LAUNCH.exec(path))) return launch(state, decodeURIComponent(match[1]!), body);
  if (method === 'POST' && (match = EXPORT.exec(path))) return startExport(state, match[1] as 'vulns' | 'assets', body);
  if (method === 'GET' && (match = STATUS.exec(path))) {
    // GET /{kind}/export/{uuid}/status (https://developer.tenable.com/reference/exports-vulns-export-status).
    const status = state.jobs.status(match[1] as 'vulns' | 'assets', decodeURIComponent(match[2]!));
    return status ? { status: 200, body: status } : tenableError(404, 'Export not found');
  }
  if (method === 'GET' && (match = CHUNK.exec(path))) {
    // GET /{kind}/export/{uuid}/chunks/{id} (https://developer.tenable.com/reference/exports-vulns-download-chunk).
    const chunk = state.jobs.chunk(match[1] as 'vulns' | 'assets', decodeURIComponent(match[2]!), Number(match[3]));
    return chunk ? { status: 200, body: chunk } : tenableError(404, 'Export chunk not found');
  }
  return tenableError(404, `No route ${method} ${path}`);
}

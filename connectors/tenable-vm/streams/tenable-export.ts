import type { ChunkId, ConnectorContext, ExportJobStatus } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';

/** The two export APIs this connector reads: `/vulns/export` and `/assets/export`. */
export type ExportKind = 'vulns' | 'assets';

interface StatusBody {
  readonly status?: string;
  readonly chunks_available?: readonly ChunkId[];
}

/**
 * Tenable's export status words (https://developer.tenable.com/reference/exports-vulns-export-status,
 * https://developer.tenable.com/reference/exports-assets-export-status) in the SDK's terms: QUEUED and
 * PROCESSING run on, FINISHED lists every chunk, ERROR failed, CANCELLED means start again.
 */
const STATUS: Readonly<Record<string, ExportJobStatus['status']>> = {
  QUEUED: 'running',
  PROCESSING: 'running',
  FINISHED: 'finished',
  ERROR: 'failed',
  CANCELLED: 'expired',
};

/** Starts an export and returns its `export_uuid` (POST /{kind}/export). */
export async function startExport(ctx: ConnectorContext<unknown>, kind: ExportKind, body: Readonly<Record<string, unknown>>): Promise<string> {
  const response = await ctx.http.post<{ export_uuid?: unknown }>(`/${kind}/export`, body, { operation: `export-${kind}` });
  const id = response.body?.export_uuid;
  if (typeof id !== 'string' || id === '') {
    throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `POST /${kind}/export answered without an export_uuid` });
  }
  return id;
}

/**
 * Polls an export. A 404 means Tenable no longer knows the export (it expired or was removed): the job
 * is started again, as the SDK's export helper does for `expired`.
 */
export async function pollExport(ctx: ConnectorContext<unknown>, kind: ExportKind, id: string): Promise<ExportJobStatus> {
  const response = await ctx.http.get<StatusBody>(`/${kind}/export/${encodeURIComponent(id)}/status`, { operation: `export-${kind}-status`, acceptStatus: [404] });
  if (response.status === 404) return { status: 'expired', chunks: [] };
  const word = String(response.body?.status ?? '');
  const status = STATUS[word];
  if (status === undefined) throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `The ${kind} export status "${word.slice(0, 40)}" is not one Tenable documents` });
  const chunks = Array.isArray(response.body?.chunks_available) ? response.body.chunks_available : [];
  return { status, chunks: [...chunks].sort((a, b) => Number(a) - Number(b)) };
}

/**
 * Downloads one chunk: a JSON array of records. A 404 here means the export expired between the poll
 * and the download; PAGE_TOKEN_EXPIRED makes the engine resume from the last checkpoint, whose poll
 * then finds the export gone and starts a new one.
 */
export async function downloadChunk<Raw>(ctx: ConnectorContext<unknown>, kind: ExportKind, id: string, chunk: ChunkId): Promise<readonly Raw[]> {
  const url = `/${kind}/export/${encodeURIComponent(id)}/chunks/${encodeURIComponent(String(chunk))}`;
  const response = await ctx.http.get<unknown>(url, { operation: `export-${kind}-chunk`, acceptStatus: [404] });
  if (response.status === 404) {
    throw new PatchbayError('PAGE_TOKEN_EXPIRED', { message: `The ${kind} export ${id} expired before chunk ${chunk} was downloaded` });
  }
  if (!Array.isArray(response.body)) throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `Chunk ${chunk} of the ${kind} export is not a JSON array` });
  return response.body as Raw[];
}

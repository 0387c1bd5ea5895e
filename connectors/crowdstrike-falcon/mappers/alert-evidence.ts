import { compact, unmappedOf } from './product.ts';
import type { AlertRecord, ProcessDetails } from './alert-record.ts';

/** OCSF fingerprints of the hashes present (algorithm_id 1 MD5, 2 SHA-1, 3 SHA-256). */
export function hashesOf(md5?: string, sha1?: string, sha256?: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (md5) out.push({ algorithm_id: 1, algorithm: 'MD5', value: md5 });
  if (sha1) out.push({ algorithm_id: 2, algorithm: 'SHA-1', value: sha1 });
  if (sha256) out.push({ algorithm_id: 3, algorithm: 'SHA-256', value: sha256 });
  return out;
}

/** A file object (type_id 1: regular file) when the name is known. */
export function fileOf(name?: string, path?: string, hashes: Record<string, unknown>[] = []): Record<string, unknown> | undefined {
  if (!name) return undefined;
  return compact({ name, type_id: 1, path: path ? (path.endsWith(name) ? path : `${path.replace(/[\\/]+$/, '')}${path.includes('\\') ? '\\' : '/'}${name}`) : undefined, hashes });
}

function pidOf(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,9}$/.test(value)) return undefined;
  return Number(value);
}

/** A process needs a pid or a uid in OCSF; without either it cannot be one. */
function isProcess(process: Record<string, unknown>): boolean {
  return process.pid !== undefined || process.uid !== undefined;
}

/** The parent process, and what of `parent_details` has no OCSF home (all of it when it has no id). */
function parentOf(details: ProcessDetails | undefined): { process?: Record<string, unknown>; rest?: Record<string, unknown> } {
  if (!details) return {};
  const { cmdline, filename, filepath, process_id, local_process_id, sha256, md5, user_name, ...rest } = details;
  const pid = pidOf(local_process_id);
  const process = compact({
    name: filename,
    cmd_line: cmdline,
    uid: process_id,
    pid,
    file: fileOf(filename, filepath, hashesOf(md5, undefined, sha256)),
    user: user_name ? { name: user_name } : undefined,
  });
  if (!isProcess(process)) return { rest: { ...details } };
  const unused = local_process_id !== undefined && pid === undefined ? { ...rest, local_process_id } : rest;
  return { process, rest: unmappedOf(unused) };
}

export interface ProcessEvidence {
  readonly evidences?: Record<string, unknown>[];
  /** Fields of the alert that found no OCSF home here (kept under `unmapped`). */
  readonly rest?: Record<string, unknown>;
}

/**
 * The process that triggered the alert (with its file and parent) as OCSF evidence. Without a process id
 * the evidence is the file alone, and the command line stays under `unmapped`.
 */
export function processEvidence(alert: AlertRecord): ProcessEvidence {
  const parent = parentOf(alert.parent_details);
  const file = fileOf(alert.filename, alert.filepath, hashesOf(alert.md5, alert.sha1, alert.sha256));
  const pid = pidOf(alert.local_process_id);
  const process = compact({ name: alert.filename, cmd_line: alert.cmdline, uid: alert.process_id, pid, file, parent_process: parent.process });
  const rest: Record<string, unknown> = {};
  if (parent.rest) rest.parent_details = parent.rest;
  if (alert.local_process_id !== undefined && pid === undefined) rest.local_process_id = alert.local_process_id;
  if (isProcess(process)) return { evidences: [{ process }], ...(Object.keys(rest).length > 0 ? { rest } : {}) };
  if (alert.cmdline !== undefined) rest.cmdline = alert.cmdline;
  if (alert.filepath !== undefined && file === undefined) rest.filepath = alert.filepath;
  for (const hash of ['md5', 'sha1', 'sha256'] as const) if (alert[hash] !== undefined && file === undefined) rest[hash] = alert[hash];
  return { ...(file ? { evidences: [{ file }] } : {}), ...(Object.keys(rest).length > 0 ? { rest } : {}) };
}

/**
 * OCSF disposition from the pattern disposition flags Falcon reports (what the sensor did): quarantined,
 * blocked or killed, else detected only.
 */
export function dispositionOf(details: Readonly<Record<string, unknown>> | undefined): { disposition_id: number; disposition: string } | undefined {
  if (!details) return undefined;
  if (details.quarantine_file === true || details.quarantine_machine === true) return { disposition_id: 3, disposition: 'Quarantined' };
  if (details.kill_process === true || details.kill_parent === true || details.kill_subprocess === true || details.kill_sub_process === true) return { disposition_id: 4, disposition: 'Isolated' };
  if (details.process_blocked === true || details.operation_blocked === true || details.fs_operation_blocked === true || details.registry_operation_blocked === true) return { disposition_id: 2, disposition: 'Blocked' };
  return { disposition_id: 15, disposition: 'Detected' };
}

import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PatchbayError } from '@patchbay/types';

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

const LOCK_FILE = 'patchbay.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600);
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Takes the exclusive lock on a data folder (PGlite has none of its own: two processes on one folder
 * lose writes). A lock left by a dead process is taken over; a live holder is a DATA_DIR_LOCKED error
 * naming its pid.
 */
export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path)) {
      return {
        path,
        release: () => {
          if (readHolder(path) === process.pid) rmSync(path, { force: true });
        },
      };
    }
    const holder = readHolder(path);
    if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
      throw new PatchbayError('DATA_DIR_LOCKED', {
        message: `The data folder ${dir} is in use by another Patchbay process (pid ${holder})`,
        hint: `Stop that process, point this one at another folder with --data-dir, or use the running hub through PATCHBAY_URL.`,
        details: { pid: holder, lockFile: path },
      });
    }
    // Stale (holder dead, unreadable, or ourselves from a previous life): take it over.
    rmSync(path, { force: true });
  }
  throw new PatchbayError('DATA_DIR_LOCKED', {
    message: `Could not take the lock on ${dir}: another process keeps taking it`,
    hint: 'Make sure only one Patchbay process starts on this folder.',
  });
}

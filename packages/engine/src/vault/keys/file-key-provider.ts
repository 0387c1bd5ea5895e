import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PatchbayError } from '@patchbay/types';
import { KEY_BYTES } from '../crypto/aead.ts';
import { kekIdOf, type KeyProvider } from './key-provider.ts';
import { localKeyProvider } from './local-key-provider.ts';

export const KEYRING_FILE = 'vault-keyring.json';

interface Keyring {
  version: 1;
  active: string;
  keys: Record<string, { key: string; created_at: string }>;
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/**
 * KEKs in a JSON keyring in the data folder (mode 0600), created with one random key on first start.
 * Writes are atomic (temp file and rename) and exclusive (a lock file), so an interrupted rotation
 * never leaves a half-written keyring. Other processes on the same folder pick up new keys on a miss.
 */
export function fileKeyProvider(dataDir: string, now: () => Date = () => new Date()): KeyProvider {
  const path = join(dataDir, KEYRING_FILE);
  const read = (): Keyring => {
    const ring = JSON.parse(readFileSync(path, 'utf8')) as Keyring;
    if (ring.version !== 1 || !ring.keys[ring.active]) throw new PatchbayError('VAULT_KEY_UNAVAILABLE', { message: `${path} is not a valid keyring`, hint: 'Restore it from the backup taken with the data folder.' });
    return ring;
  };
  let current: Keyring;
  const modify = (change: (ring: Keyring) => void): void => {
    const lock = `${path}.lock`;
    let fd: number;
    try {
      fd = openSync(lock, 'wx', 0o600);
    } catch {
      throw new PatchbayError('CONFLICT', { message: `Another process is writing ${path}`, hint: `Wait for it; if no process is rotating keys, remove ${lock}.` });
    }
    try {
      const ring = read();
      change(ring);
      writeAtomically(path, `${JSON.stringify(ring, null, 2)}\n`);
      current = ring;
    } finally {
      closeSync(fd);
      rmSync(lock, { force: true });
    }
  };
  const newKey = (): [string, { key: string; created_at: string }] => {
    const key = randomBytes(KEY_BYTES);
    return [kekIdOf(key), { key: key.toString('base64'), created_at: now().toISOString() }];
  };

  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const [id, entry] = newKey();
    writeAtomically(path, `${JSON.stringify({ version: 1, active: id, keys: { [id]: entry } } satisfies Keyring, null, 2)}\n`);
  } else if ((statSync(path).mode & 0o077) !== 0) {
    chmodSync(path, 0o600);
  }
  current = read();
  const decoded = new Map<string, Buffer>();

  const local = localKeyProvider({
    kind: 'file',
    activeKekId: () => current.active,
    find(kekId, reload) {
      if (reload) current = read();
      const cached = decoded.get(kekId);
      if (cached) return cached;
      const entry = current.keys[kekId];
      if (!entry) return undefined;
      const key = Buffer.from(entry.key, 'base64');
      decoded.set(kekId, key);
      return key;
    },
    missingHint: `Restore ${path} from the backup taken with the data folder (the keyring must be backed up with the database), or supply the key through PATCHBAY_PREVIOUS_MASTER_KEYS.`,
  });
  return {
    ...local,
    async createKey() {
      const [id, entry] = newKey();
      modify((ring) => {
        ring.keys[id] = entry;
        ring.active = id;
      });
      return id;
    },
    async destroyKey(kekId) {
      modify((ring) => {
        if (ring.active === kekId) throw new PatchbayError('KEY_IN_USE', { message: `${kekId} is the keyring's active key` });
        delete ring.keys[kekId];
      });
      decoded.get(kekId)?.fill(0);
      decoded.delete(kekId);
    },
  };
}

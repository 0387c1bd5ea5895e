import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger, staticKeyProvider } from '@patchbay/engine';
import type { DatabaseKind } from '@patchbay/store';
import { createTestHub, type TestHub } from '../../testing/test-hub.ts';

export interface VaultTestHub extends TestHub {
  /** Every log line the engine and the server wrote, at trace level. */
  readonly logs: string[];
}

/** The shared test hub with a vault (random master key, http token endpoints allowed) and a recorded log. */
export async function createVaultTestHub(kind: DatabaseKind, options: { publicUrl?: string } = {}): Promise<VaultTestHub> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const log = createLogger({ level: 'trace', destination: sink });
  const vault = { keys: staticKeyProvider({ active: randomBytes(32) }), allowInsecureHttp: true, publicUrl: options.publicUrl };
  const hub = await createTestHub(kind, { log }, { log, vault });
  return Object.assign(hub, { logs });
}

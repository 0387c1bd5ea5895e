/**
 * A second process for the inbound processing test: on the word `go`, processes stored webhooks until
 * none is left, then reports how many it took.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { openPostgres } from '@patchbay/store';
import { createEngine } from '../../create-engine.ts';
import { builtInConnectors } from '../../runtime/built-in-connectors.generated.ts';
import { staticKeyProvider } from '../../vault/keys/static-key-provider.ts';

const database = await openPostgres({ url: process.env.PATCHBAY_TEST_DB_URL! });
const engine = createEngine({ database, connectors: builtInConnectors, log: pino({ level: 'silent' }), vault: { keys: staticKeyProvider({ active: randomBytes(32) }) } });
process.once('message', async () => {
  let taken = 0;
  for (let idle = 0; idle < 3; ) {
    const n = await engine.events.inbound.processOnce(20);
    taken += n;
    idle = n === 0 ? idle + 1 : 0;
  }
  process.send?.({ taken }, () => void database.close().then(() => process.exit(0)));
});
process.send?.('ready');

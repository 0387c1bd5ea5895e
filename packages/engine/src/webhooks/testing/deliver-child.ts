/** A dispatching process for the SIGKILL test: delivers whatever is due, forever, until killed. */
import pino from 'pino';
import { openPostgres } from '@patchbay/store';
import { createEngine } from '../../create-engine.ts';
import { staticKeyProvider } from '../../vault/keys/static-key-provider.ts';

const database = await openPostgres({ url: process.env.PATCHBAY_TEST_DB_URL! });
const engine = createEngine({ database, log: pino({ level: 'silent' }), vault: { keys: staticKeyProvider({ active: Buffer.from(process.env.PATCHBAY_TEST_MASTER_KEY!, 'base64') }) } });
process.send?.('ready');
for (;;) await engine.events.runOnce();

/**
 * A hub process that starts an action run and dies in the middle of it (the test kills it): the engine
 * with the held-actions connector on DATABASE_URL, one run of `tag-host` on INSTANCE_ID for ORGANIZATION_ID.
 * Prints `running <run id>` once the run is `running`; the vendor call never returns.
 */
import { and, eq } from 'drizzle-orm';
import { actionRuns, openStore } from '@patchbay/store';
import { createEngine } from '../../create-engine.ts';
import { systemActor } from '../../lib/actor.ts';
import { createLogger } from '../../lib/logger.ts';
import { HeldVendor, heldActionsConnector } from './held-actions.ts';

const env = process.env;
const store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir: '.' });
const vendor = new HeldVendor();
const engine = createEngine({ database: store.database, log: createLogger({ level: 'warn' }), connectors: [heldActionsConnector(vendor)] });
const actor = systemActor(env.ORGANIZATION_ID!, 'action-child');
engine.actions.invoke(actor, { instanceId: env.INSTANCE_ID!, action: 'tag-host', input: { host: 'web-1' } }).catch((error: unknown) => {
  process.stderr.write(`invoke failed: ${String(error)}\n`);
  process.exit(1);
});
for (;;) {
  await new Promise((r) => setTimeout(r, 50));
  if (vendor.started === 0) continue;
  const [run] = await store.database.db.select({ id: actionRuns.id }).from(actionRuns).where(and(eq(actionRuns.instanceId, env.INSTANCE_ID!), eq(actionRuns.status, 'running')));
  if (run) {
    process.stdout.write(`running ${run.id}\n`);
    break;
  }
}
// Stay alive, mid-run, until killed.
setInterval(() => undefined, 1 << 30);

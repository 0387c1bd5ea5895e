import type { AnyRoute } from './route-def.ts';
import { auditRoutes } from './routes/admin/audit.ts';
import { tokenRoutes } from './routes/admin/tokens.ts';
import { userRoutes } from './routes/admin/users.ts';
import { connectorRoutes } from './routes/connectors/index.ts';
import { instanceRoutes } from './routes/instances/index.ts';
import { syncRoutes } from './routes/sync/index.ts';
import { systemRoutes } from './routes/system.ts';

/** Every API route, with its access rule. New resources add their list here. */
export const routeTable: readonly AnyRoute[] = [
  ...systemRoutes,
  ...connectorRoutes,
  ...instanceRoutes,
  ...syncRoutes,
  ...tokenRoutes,
  ...userRoutes,
  ...auditRoutes,
] as unknown as AnyRoute[];

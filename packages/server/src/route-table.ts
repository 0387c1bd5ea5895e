import type { AnyRoute } from './route-def.ts';
import { auditRoutes } from './routes/admin/audit.ts';
import { tokenRoutes } from './routes/admin/tokens.ts';
import { userRoutes } from './routes/admin/users.ts';
import { connectorRoutes } from './routes/connectors/index.ts';
import { instanceRoutes } from './routes/instances/index.ts';
import { syncRoutes } from './routes/sync/index.ts';
import { systemRoutes } from './routes/system.ts';
import { authConfigRoutes } from './routes/auth-configs/index.ts';
import { oauthRoutes } from './routes/oauth/callback.ts';
import { keyRoutes } from './routes/admin/keys.ts';
import { eventRoutes } from './routes/events/index.ts';
import { inboundRoutes, webhookRoutes } from './routes/webhooks/index.ts';
import { observabilityRoutes } from './routes/observability/index.ts';
import { scheduleRoutes } from './routes/schedules/index.ts';
import { cancelRoutes } from './routes/sync/cancel.ts';
import { recordRoutes } from './routes/records/index.ts';
import { mappingRoutes } from './routes/mappings/index.ts';
import { actionRoutes } from './routes/actions/index.ts';
import { configRoutes } from './routes/config/index.ts';
import { destinationRoutes } from './routes/destinations/index.ts';
import { ticketRoutes } from './routes/tickets/index.ts';
import { authRoutes } from './routes/auth/me.ts';
import { ocsfRoutes } from './routes/ocsf/index.ts';

/** Every API route, with its access rule. New resources add their list here. */
export const routeTable: readonly AnyRoute[] = [
  ...systemRoutes,
  ...connectorRoutes,
  ...instanceRoutes,
  ...syncRoutes,
  ...tokenRoutes,
  ...userRoutes,
  ...auditRoutes,
  ...authConfigRoutes,
  ...oauthRoutes,
  ...keyRoutes,
  ...eventRoutes,
  ...webhookRoutes,
  ...inboundRoutes,
  ...observabilityRoutes,
  ...scheduleRoutes,
  ...cancelRoutes,
  ...recordRoutes,
  ...mappingRoutes,
  ...actionRoutes,
  ...configRoutes,
  ...destinationRoutes,
  ...ticketRoutes,
  ...authRoutes,
  ...ocsfRoutes,
] as unknown as AnyRoute[];

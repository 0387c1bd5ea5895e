import { healthRoutes } from './health.ts';
import { logRoutes } from './logs.ts';
import { metricsRoutes } from './metrics.ts';

/** Integration logs, health and ConnectorMetrics. */
export const observabilityRoutes = [...logRoutes, ...metricsRoutes, ...healthRoutes];

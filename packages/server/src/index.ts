export { buildServer, DEFAULT_BODY_LIMIT, type ServerOptions } from './build-server.ts';
export { routeTable } from './route-table.ts';
export { accessRoles, route, type Access, type AnyRoute, type RouteDef } from './route-def.ts';
export { createMetricsRegistry } from './plugins/metrics.ts';
export { openApiDocument } from './openapi-document.ts';

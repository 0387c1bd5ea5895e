import { randomUUID, timingSafeEqual } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import type { Engine, Logger } from '@patchbay/engine';
import { PatchbayError } from '@patchbay/types';
import { enforceAccess } from './plugins/access.ts';
import { registerErrorHandler } from './plugins/error-handler.ts';
import { createMetricsRegistry, registerHttpMetrics } from './plugins/metrics.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerWebUi } from './plugins/web-ui.ts';
import type { AnyRoute } from './route-def.ts';
import { routeTable } from './route-table.ts';
import { registerEngineMetrics } from './routes/observability/prometheus.ts';

const INBOUND_PATH = '/api/integration/webhook/';
const INBOUND_KEY = 'inbound-webhook:';

export interface ServerOptions {
  readonly engine: Engine;
  readonly log: Logger;
  /** Externally visible base URL (OAuth callbacks, webhook URLs). */
  readonly publicUrl?: string;
  /** When set, `/metrics` requires `Authorization: Bearer <metricsToken>`. */
  readonly metricsToken?: string;
  readonly bodyLimitBytes?: number;
  /** Requests per minute per token (or per IP without one). */
  readonly rateLimitPerMinute?: number;
  /**
   * Inbound webhooks per minute per webhook key (default 12,000): vendors burst from shared egress IPs, so
   * `POST /api/integration/webhook/{key}` is limited per key, not per IP.
   */
  readonly inboundRateLimitPerMinute?: number;
  readonly metrics?: Registry;
  readonly version?: string;
  readonly routes?: readonly AnyRoute[];
  /** The built web UI (packages/web/dist), served at `/`; without it the server is the API only. */
  readonly uiDir?: string;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The HTTP API. Built from the route table; nothing listens until the caller calls `listen`. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.log as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT,
    trustProxy: process.env.PATCHBAY_TRUST_PROXY === 'true',
    logController: new LogController({ disableRequestLogging: (request: Partial<FastifyRequest>) => request.routeOptions?.config.requestLogging === false }),
  });
  // A route without an access rule cannot be registered (the swagger UI's static files are the exception).
  app.addHook('onRoute', (opts) => {
    const access = (opts.config as { access?: unknown } | undefined)?.access;
    if (access === undefined && !opts.url.startsWith('/api/docs')) throw new Error(`Route ${String(opts.method)} ${opts.url} has no access rule`);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  // Callback-style hooks: an async hook costs a promise per request on every route (the webhook route is hot).
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    if (options.engine.demo) reply.header('x-patchbay-demo', 'true');
    done(null, payload);
  });

  const metrics = options.metrics ?? createMetricsRegistry();
  registerHttpMetrics(app, metrics);
  registerEngineMetrics(metrics, options.engine);
  await registerOpenApi(app, options.version ?? '0.1.0');
  await app.register(rateLimit, {
    max: (_req, key) => (key.startsWith(INBOUND_KEY) ? (options.inboundRateLimitPerMinute ?? 12_000) : (options.rateLimitPerMinute ?? 1200)),
    timeWindow: 60_000,
    keyGenerator: (req) => (req.url.startsWith(INBOUND_PATH) ? `${INBOUND_KEY}${req.url.slice(INBOUND_PATH.length).split(/[/?]/)[0]}` : (req.headers.authorization ?? req.ip)),
    allowList: (req) => req.url === '/healthz' || req.url === '/readyz',
    errorResponseBuilder: (_req, context) => new PatchbayError('RATE_LIMITED', { message: `More than ${context.max} requests in a minute`, hint: 'Wait and retry; the Retry-After header says how long.', retryAfterMs: context.ttl }),
  });

  const addRoute = (typed: ReturnType<typeof app.withTypeProvider<ZodTypeProvider>>, def: AnyRoute) => {
    typed.route({
      method: def.method,
      url: def.url,
      schema: { ...def.schema, summary: def.summary, description: def.description, tags: [...def.tags], security: def.access === 'public' ? [] : undefined },
      config: { access: def.access, requestLogging: def.requestLogging },
      ...(def.access === 'public' ? {} : { onRequest: async (request: FastifyRequest) => enforceAccess(options.engine, def.access, request) }),
      handler: async (request, reply) => {
        const result = await def.handler({
          params: request.params as never,
          query: request.query as never,
          body: request.body as never,
          actor: request.actor as never,
          engine: options.engine,
          request,
          reply,
        });
        // A handler that answered itself (a connector's own webhook answer) is done.
        if (reply.sent) return reply;
        reply.status(def.status ?? 200);
        return def.status === 204 ? reply.send() : result;
      },
      ...(def.bodyLimit ? { bodyLimit: def.bodyLimit } : {}),
    });
  };
  for (const def of options.routes ?? routeTable) {
    if (!def.rawBody) {
      addRoute(app.withTypeProvider<ZodTypeProvider>(), def);
      continue;
    }
    // Its own scope: a catch-all parser keeps the exact bytes (the JSON parser never sees them).
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
      addRoute(scope.withTypeProvider<ZodTypeProvider>(), def);
    });
  }

  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());
  app.get('/metrics', { schema: { hide: true }, config: { access: options.metricsToken ? 'token' : 'public' } }, async (request, reply) => {
    if (options.metricsToken) {
      const given = request.headers.authorization?.replace(/^Bearer\s+/i, '') ?? '';
      if (!tokensEqual(given, options.metricsToken)) throw new PatchbayError('UNAUTHENTICATED', { hint: 'Send the PATCHBAY_METRICS_TOKEN as a bearer token.' });
    }
    reply.type(metrics.contentType);
    return metrics.metrics();
  });
  if (options.uiDir) registerWebUi(app, { dir: options.uiDir });
  return app;
}

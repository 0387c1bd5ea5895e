import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor, Engine } from '@patchbay/engine';
import type { Role } from '@patchbay/types';

/**
 * Who may call a route. Every route states one; the server refuses to register a route without it, and
 * a test walks the table checking each rule against every role.
 */
export type Access = 'public' | 'read' | 'write' | 'admin' | 'audit' | 'platform';

/** What every route's Fastify config carries (build-server.ts sets it from the route definition). */
declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's access rule; the server refuses a route without one. */
    access?: string;
    /** `false`: the route writes no per-request log lines (`RouteDef.requestLogging`). */
    requestLogging?: false;
  }
}

export const accessRoles: Record<Exclude<Access, 'public'>, readonly Role[]> = {
  read: ['platform-admin', 'admin', 'editor', 'viewer', 'auditor'],
  write: ['platform-admin', 'admin', 'editor'],
  admin: ['platform-admin', 'admin'],
  audit: ['platform-admin', 'admin', 'auditor'],
  platform: ['platform-admin'],
};

export interface RouteSchemas {
  readonly params?: z.ZodType;
  readonly querystring?: z.ZodType;
  readonly body?: z.ZodType;
  readonly response: Readonly<Record<number, z.ZodType>>;
}

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteContext<S extends RouteSchemas, A extends Access> {
  readonly params: Out<S['params']>;
  readonly query: Out<S['querystring']>;
  readonly body: Out<S['body']>;
  readonly actor: A extends 'public' ? Actor | undefined : Actor;
  readonly engine: Engine;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

export interface RouteDef<S extends RouteSchemas = RouteSchemas, A extends Access = Access> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly access: A;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly schema: S;
  /** The success status (default 200); the handler's result is sent with it. */
  readonly status?: number;
  /** Hand the handler the body as a raw Buffer (signature checks over the exact bytes); any content type. */
  readonly rawBody?: boolean;
  /** A per-route body size limit in bytes (defaults to the server's). */
  readonly bodyLimit?: number;
  /**
   * `false`: no "incoming request" / "request completed" lines for this route. For high-volume routes
   * whose every call is recorded elsewhere (inbound webhooks: `inbound_webhooks`); server errors are still
   * logged by the error handler. (Not a per-route log level: that makes pino rebuild its log methods on
   * every request.)
   */
  readonly requestLogging?: false;
  readonly handler: (ctx: RouteContext<S, A>) => Promise<unknown>;
}

/** Declares a route: identity at run time, inference at compile time. */
export function route<S extends RouteSchemas, A extends Access>(def: RouteDef<S, A>): RouteDef<S, A> {
  return def;
}

export type AnyRoute = RouteDef<RouteSchemas, Access>;

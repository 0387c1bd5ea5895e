import type { FastifyRequest } from 'fastify';
import type { Actor, Engine } from '@patchbay/engine';
import { PatchbayError } from '@patchbay/types';
import { accessRoles, type Access } from '../route-def.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

/** Authenticates the caller and checks the route's rule; runs before body parsing and validation. */
export async function enforceAccess(engine: Engine, access: Access, request: FastifyRequest): Promise<void> {
  if (access === 'public') return;
  const actor = await engine.authenticate(request.headers.authorization, { requestId: request.id, sourceIp: request.ip });
  request.actor = actor;
  if (!accessRoles[access].includes(actor.role)) {
    throw new PatchbayError('FORBIDDEN', {
      message: `The ${actor.role} role cannot call ${request.method} ${request.routeOptions.url}`,
      hint: `This operation needs one of: ${accessRoles[access].join(', ')}.`,
    });
  }
}

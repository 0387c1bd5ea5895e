import type { FastifyReply, FastifyRequest } from 'fastify';
import { PatchbayError, errorCodes, type ErrorCode } from '@patchbay/types';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  request_id?: string;
  field?: string;
  hint?: string;
  errors?: { field: string; message: string }[];
  retry_after_seconds?: number;
}

export const problemType = (code: string) => `urn:patchbay:error:${code.toLowerCase()}`;

export function problemFrom(error: PatchbayError, request: FastifyRequest, errors?: ProblemBody['errors']): ProblemBody {
  const body: ProblemBody = {
    type: problemType(error.code),
    title: error.title,
    status: error.status,
    detail: error.message,
    code: error.code,
    instance: request.url.split('?')[0],
    request_id: request.id,
  };
  if (error.field) body.field = error.field;
  if (error.hint) body.hint = error.hint;
  if (errors?.length) body.errors = errors;
  if (error.retryAfterMs !== undefined) body.retry_after_seconds = Math.ceil(error.retryAfterMs / 1000);
  return body;
}

export function sendProblem(reply: FastifyReply, body: ProblemBody): FastifyReply {
  if (body.retry_after_seconds !== undefined) reply.header('retry-after', String(body.retry_after_seconds));
  return reply.status(body.status).type('application/problem+json').send(body);
}

export function errorOf(code: ErrorCode, message?: string, extra: { field?: string; hint?: string } = {}): PatchbayError {
  return new PatchbayError(code, { message: message ?? errorCodes[code].title, ...extra });
}

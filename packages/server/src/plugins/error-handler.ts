import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { PatchbayError, isPatchbayError } from '@patchbay/types';
import { problemFrom, sendProblem } from '../lib/problem.ts';

const fastifyCodes: Record<string, PatchbayError['code']> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
};

function fieldOf(context: string | undefined, path: string): string {
  const where = context === 'querystring' ? 'query' : (context ?? 'body');
  const dotted = path.replace(/^\//, '').split('/').filter(Boolean).join('.');
  return dotted ? `${where}.${dotted}` : where;
}

/** Turns every error into RFC 9457 problem+json with a stable code; unknown errors never leak details. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | PatchbayError | Error, request, reply) => {
    if (isPatchbayError(error)) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      // Errors that list several problems (a configuration import) name each in `errors`.
      const listed = Array.isArray(error.details?.errors) ? (error.details.errors as { field: string; message: string }[]) : undefined;
      return sendProblem(reply, problemFrom(error, request, listed));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        field: fieldOf(error.validationContext, v.instancePath),
        message: v.message ?? 'is not valid',
      }));
      const first = errors[0]!;
      const e = new PatchbayError('VALIDATION_FAILED', {
        message: `${first.field}: ${first.message}`,
        field: first.field,
        hint: 'Correct the named fields; the OpenAPI document at /api/openapi.json gives each schema.',
      });
      return sendProblem(reply, problemFrom(e, request, errors));
    }
    const code = (error as FastifyError).code;
    if (code && fastifyCodes[code]) {
      return sendProblem(reply, problemFrom(new PatchbayError(fastifyCodes[code]!, { message: error.message }), request));
    }
    if (error instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY' || ((error as FastifyError).statusCode === 400 && /JSON/i.test(error.message))) {
      const e = new PatchbayError('INVALID_JSON', { message: `The body is not valid JSON: ${error.message}`, field: 'body', hint: 'Send a JSON document with Content-Type: application/json.' });
      return sendProblem(reply, problemFrom(e, request));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
    } else {
      request.log.error({ err: error }, 'unhandled error');
    }
    return sendProblem(reply, problemFrom(new PatchbayError('INTERNAL', { message: 'Internal error; the request id identifies it in the server log.' }), request));
  });

  app.setNotFoundHandler((request, reply) => {
    const e = new PatchbayError('ROUTE_NOT_FOUND', {
      message: `No route ${request.method} ${request.url.split('?')[0]}`,
      hint: 'The API is described at /api/openapi.json and browsable at /api/docs.',
    });
    return sendProblem(reply, problemFrom(e, request));
  });
}

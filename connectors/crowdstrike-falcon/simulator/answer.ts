import { randomUUID } from 'node:crypto';

/** One HTTP answer of the simulated API. */
export interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/**
 * Falcon's envelope: `meta` (query_time, powered_by, trace_id, pagination on listings), `resources`,
 * `errors` (https://developer.crowdstrike.com/sdks/python/responses/).
 */
export function envelope(resources: readonly unknown[], pagination?: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return {
    meta: { query_time: 0.004, ...(pagination ? { pagination } : {}), powered_by: 'patchbay-simulator', trace_id: randomUUID() },
    resources,
    errors: [],
  };
}

export function ok(resources: readonly unknown[], pagination?: Readonly<Record<string, unknown>>): Answer {
  return { status: 200, body: envelope(resources, pagination) };
}

/** An error in Falcon's format: the status, and `errors: [{ code, message }]` with empty resources. */
export function failure(status: number, message: string, headers?: Readonly<Record<string, string>>): Answer {
  return {
    status,
    ...(headers ? { headers } : {}),
    body: { meta: { query_time: 0, powered_by: 'patchbay-simulator', trace_id: randomUUID() }, resources: [], errors: [{ code: status, message }] },
  };
}

/** A request the route cannot serve: 400 with the reason. */
export class BadRequest extends Error {}

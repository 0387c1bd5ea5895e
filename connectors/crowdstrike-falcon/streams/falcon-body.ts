/**
 * The envelope of every Falcon API answer: `meta` (with `pagination` on listings), `resources` and
 * `errors` (https://developer.crowdstrike.com/sdks/python/responses/).
 */
export interface FalconPagination {
  readonly offset?: number | string;
  readonly limit?: number;
  readonly total?: number;
  readonly after?: string;
  readonly expires_at?: number;
}

export interface FalconBody<Resource> {
  readonly meta?: { readonly pagination?: FalconPagination; readonly trace_id?: string };
  readonly resources?: readonly Resource[] | null;
  readonly errors?: readonly { readonly code?: number; readonly message?: string }[] | null;
}

/** The resources of an answer; a missing list is none. */
export function resourcesOf<Resource>(body: FalconBody<Resource> | undefined): readonly Resource[] {
  return Array.isArray(body?.resources) ? body.resources : [];
}

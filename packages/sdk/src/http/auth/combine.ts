import type { AuthApplier } from './auth-applier.ts';

/** Applies several appliers in order (mTLS plus a bearer token, say). The first one with TLS material wins. */
export function combineAuth(...appliers: readonly AuthApplier[]): AuthApplier {
  const refreshers = appliers.filter((a) => a.onUnauthorized !== undefined);
  const tls = appliers.find((a) => a.tls !== undefined)?.tls;
  const combined: AuthApplier = {
    async apply(request) {
      for (const applier of appliers) await applier.apply(request);
    },
    ...(tls === undefined ? {} : { tls }),
  };
  if (refreshers.length === 0) return combined;
  return {
    ...combined,
    async onUnauthorized(request) {
      const results = await Promise.all(refreshers.map((a) => a.onUnauthorized!(request)));
      return results.some(Boolean);
    },
  };
}

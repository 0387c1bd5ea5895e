import { createLogger, type Engine } from '@patchbay/engine';
import { buildServer } from './build-server.ts';

/**
 * The OpenAPI document the server serves at /api/openapi.json, without a database: the document comes from
 * the route table's schemas alone. The engine stand-in throws if anything reaches for it, since serving the
 * document never should. The web UI's typed client is generated from this (scripts/generate-web-client.ts).
 */
export async function openApiDocument(version = '0.1.0'): Promise<Record<string, unknown>> {
  const engine = new Proxy({} as Engine, {
    get(_target, property) {
      throw new Error(`openApiDocument() reached for engine.${String(property)}: the document must come from the route schemas alone`);
    },
  });
  const app = await buildServer({ engine, log: createLogger({ level: 'silent' }), version });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}

import { and, eq } from 'drizzle-orm';
import { dataMappings } from '@patchbay/store';
import type { EngineDeps } from '../lib/engine-deps.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import type { MappingResolver } from '../sync/sync-service.ts';
import { compileMapping } from './compile-mapping.ts';
import { streamClassUid } from './stream-class.ts';

/**
 * The runner's `mappingFor`: the stream's active mapping, compiled once per run. A stored mapping that no
 * longer compiles (its connector changed class) fails the run with MAPPING_INVALID rather than syncing
 * records without the overrides their owner asked for.
 */
export function createMappingResolver(deps: EngineDeps, registry: ConnectorRegistry): MappingResolver {
  return async (instance, stream) => {
    const [row] = await deps.database.db
      .select()
      .from(dataMappings)
      .where(and(eq(dataMappings.instanceId, instance.id), eq(dataMappings.stream, stream), eq(dataMappings.active, true)));
    if (!row) return undefined;
    const declared = registry.get(instance.connectorId)?.streams?.find((s) => s.name === stream);
    const compiled = compileMapping({ fieldMappings: row.fieldMappings, transformations: row.transformations }, declared ? streamClassUid(declared) : undefined);
    return { override: compiled.override, version: row.version };
  };
}

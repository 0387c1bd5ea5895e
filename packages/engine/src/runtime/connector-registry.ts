import type { AnyConnector } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';

/** The connectors this process can run: the built-ins, plus registered process-protocol programs. */
export interface ConnectorRegistry {
  get(id: string): AnyConnector | undefined;
  require(id: string): AnyConnector;
  list(): readonly AnyConnector[];
  /** Adds or replaces a runtime-registered connector (process protocol). Built-ins cannot be replaced. */
  register(connector: AnyConnector): void;
  unregister(id: string): void;
  isBuiltIn(id: string): boolean;
}

export function createConnectorRegistry(builtIns: readonly AnyConnector[]): ConnectorRegistry {
  const builtInIds = new Set(builtIns.map((c) => c.id));
  const byId = new Map(builtIns.map((c) => [c.id, c] as const));
  if (byId.size !== builtIns.length) throw new Error('Two built-in connectors share an id');
  return {
    get: (id) => byId.get(id),
    require(id) {
      const c = byId.get(id);
      if (!c) throw new PatchbayError('CONNECTOR_NOT_FOUND', { message: `Connector ${id} is not available in this process`, hint: 'List connectors with GET /api/integration/connectors.' });
      return c;
    },
    list: () => [...byId.values()],
    register(connector) {
      if (builtInIds.has(connector.id)) throw new PatchbayError('CONNECTOR_BUILT_IN', { message: `${connector.id} is a built-in connector` });
      byId.set(connector.id, connector);
    },
    unregister(id) {
      if (builtInIds.has(id)) throw new PatchbayError('CONNECTOR_BUILT_IN', { message: `${id} is a built-in connector` });
      byId.delete(id);
    },
    isBuiltIn: (id) => builtInIds.has(id),
  };
}

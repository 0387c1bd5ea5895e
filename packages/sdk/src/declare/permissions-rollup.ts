import type { PermissionUse } from './description-types.ts';

interface Holder {
  readonly name: string;
  readonly permissions: readonly string[];
}

/** Every vendor permission the connector needs, sorted, with the streams and actions that need it. */
export function permissionsRollup(streams: readonly Holder[], actions: readonly Holder[]): PermissionUse[] {
  const uses = new Map<string, { kind: 'stream' | 'action'; name: string }[]>();
  const add = (kind: 'stream' | 'action', holder: Holder) => {
    for (const permission of holder.permissions) {
      const list = uses.get(permission) ?? [];
      list.push({ kind, name: holder.name });
      uses.set(permission, list);
    }
  };
  streams.forEach((stream) => add('stream', stream));
  actions.forEach((action) => add('action', action));
  return [...uses.keys()].sort().map((permission) => ({ permission, usedBy: uses.get(permission) ?? [] }));
}

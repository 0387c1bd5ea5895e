import type { Health, Instance } from '../../api/types.ts';

export const FILTERS = ['all', 'active', 'inactive', 'errors'] as const;
export type InstalledFilter = (typeof FILTERS)[number];

/** Whether an integration shows under a filter: Errors holds those in error and those whose health is unhealthy. */
export function matches(filter: InstalledFilter, instance: Pick<Instance, 'status'>, health?: Pick<Health, 'state'>): boolean {
  const failing = instance.status === 'error' || health?.state === 'unhealthy';
  switch (filter) {
    case 'all':
      return true;
    case 'active':
      return instance.status === 'active' && !failing;
    case 'inactive':
      return instance.status === 'inactive' || instance.status === 'configuring';
    case 'errors':
      return failing;
  }
}

import { api, unwrap } from '../../api/client.ts';
import type { Instance } from '../../api/types.ts';

/** Every instance of the organisation (the filters and names of the operations screens). */
export async function allInstances(): Promise<Instance[]> {
  const items: Instance[] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(api.GET('/api/integration/instances', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } } }));
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return items;
}

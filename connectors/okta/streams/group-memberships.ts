import { defineStream, paginateLink, type ConnectorContext } from '@patchbay/sdk';
import { z } from 'zod';
import type { OktaConfig } from '../config.ts';
import { mapGroupMembership, membershipId } from '../mappers/group-membership.ts';
import type { OktaGroup, OktaGroupMembership, OktaUser } from '../mappers/okta-types.ts';

/**
 * Where the listing stands: the groups page being worked through (its URL; null for the first page), how
 * many of its groups are done, and the next members page of the group in progress. `done` once every
 * group has been read.
 */
export const membershipsCheckpoint = z.object({
  groupsPage: z.string().nullable(),
  groupIndex: z.number().int().min(0),
  membersNext: z.string().nullable(),
  done: z.boolean(),
});
type Checkpoint = z.output<typeof membershipsCheckpoint>;

type Page = { records: readonly OktaGroupMembership[]; checkpoint: Checkpoint };

async function groupsPageAt(ctx: ConnectorContext<OktaConfig>, url: string | null) {
  const request = { url: '/api/v1/groups', query: { limit: ctx.config.page_size }, operation: 'list-groups' };
  for await (const page of paginateLink<OktaGroup>(ctx, { request, items: '', maxPages: 1, ...(url ? { start: url } : {}) })) return page;
  throw new Error('unreachable: a listing has a first page');
}

/**
 * Every (group, member) pair: the groups page by page (GET /api/v1/groups), and for each group its members
 * (GET /api/v1/groups/{groupId}/users), both with Link-header paging. A full refresh: memberships that
 * ended are marked deleted when the run completes.
 */
async function* readMemberships(ctx: ConnectorContext<OktaConfig>, from: Checkpoint | undefined): AsyncGenerator<Page> {
  if (from?.done) return;
  let pageUrl = from?.groupsPage ?? null;
  let index = from?.groupIndex ?? 0;
  let membersNext = from?.membersNext ?? null;
  for (;;) {
    const page = await groupsPageAt(ctx, pageUrl);
    const lastPage = page.next === null;
    for (; index < page.items.length; index += 1) {
      const group = page.items[index]!;
      const pick = { id: group.id, ...(group.type ? { type: group.type } : {}), profile: group.profile };
      const request = { url: `/api/v1/groups/${encodeURIComponent(group.id)}/users`, query: { limit: ctx.config.members_page_size }, operation: 'list-group-members' };
      const members = paginateLink<OktaUser>(ctx, { request, items: '', ...(membersNext ? { start: membersNext } : {}) });
      for await (const m of members) {
        const groupDone = m.next === null;
        const done = groupDone && lastPage && index === page.items.length - 1;
        const checkpoint = groupDone ? { groupsPage: pageUrl, groupIndex: index + 1, membersNext: null, done } : { groupsPage: pageUrl, groupIndex: index, membersNext: m.next, done: false };
        yield { records: m.items.map((user) => ({ group: pick, user })), checkpoint };
      }
      membersNext = null;
    }
    if (lastPage) {
      if (page.items.length === 0) yield { records: [], checkpoint: { groupsPage: pageUrl, groupIndex: 0, membersNext: null, done: true } };
      return;
    }
    pageUrl = page.next;
    index = 0;
  }
}

export const groupMemberships = defineStream<OktaGroupMembership, typeof membershipsCheckpoint, OktaConfig>({
  name: 'group-memberships',
  title: 'Group memberships',
  description: 'Which users are in which group, one record per (group, user) pair; memberships that ended are marked deleted.',
  ocsf: { class: 'user_inventory', classUid: 5003 },
  primaryKey: membershipId,
  checkpoint: membershipsCheckpoint,
  fullRefresh: true,
  permissions: ['okta.groups.read'],
  schedule: { intervalMinutes: 60 },
  fetch: readMemberships,
  map: mapGroupMembership,
});

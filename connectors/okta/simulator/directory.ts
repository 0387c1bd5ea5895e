import type { Clock } from '@patchbay/types';
import type { OktaApplication, OktaGroup, OktaGroupMembership, OktaUser } from '../mappers/okta-types.ts';
import { oktaId } from './okta-ids.ts';

const MINUTE = 60_000;
const NAMES = ['Ada', 'Grace', 'Alan', 'Linus', 'Barbara', 'Ken', 'Radia', 'Dennis'];
const iso = (ms: number) => new Date(ms).toISOString();

/** The directory of the simulated org: users, groups, their members and app integrations, stamped by the vendor's clock. */
export class Directory {
  readonly users = new Map<string, OktaUser>();
  readonly groups = new Map<string, OktaGroup>();
  readonly apps = new Map<string, OktaApplication>();
  /** groupId → member user ids, in the order they were added. */
  readonly members = new Map<string, string[]>();
  readonly #clock: Clock;
  #serial = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  #stamp(count: number, k: number): string {
    return iso(this.#clock.now().getTime() - (count + 1 - k) * MINUTE);
  }

  makeUser(at: string, revision = 1, id = oktaId('00u', ++this.#serial), status = 'ACTIVE'): OktaUser {
    const n = this.#serial;
    const first = NAMES[n % NAMES.length]!;
    return {
      id,
      status,
      created: at,
      activated: at,
      statusChanged: at,
      lastLogin: null,
      lastUpdated: at,
      passwordChanged: at,
      type: { id: 'otysim0000000000h7' },
      profile: { firstName: first, lastName: `Tester ${id.slice(3, 12)}`, mobilePhone: null, secondEmail: null, login: `${id}@example.com`, email: `${id}@example.com`, department: `rev-${revision}` },
      credentials: { password: {}, provider: { type: 'OKTA', name: 'OKTA' } },
      _links: { self: { href: `/api/v1/users/${id}` } },
    };
  }

  makeGroup(at: string, revision = 1, id = oktaId('00g', ++this.#serial)): OktaGroup {
    return {
      id,
      created: at,
      lastUpdated: at,
      lastMembershipUpdated: at,
      objectClass: ['okta:user_group'],
      type: 'OKTA_GROUP',
      profile: { name: `Group ${id.slice(3, 12)}`, description: `Simulated group, revision ${revision}` },
      _links: { users: { href: `/api/v1/groups/${id}/users` } },
    };
  }

  makeApp(at: string, revision = 1, id = oktaId('0oa', ++this.#serial)): OktaApplication {
    return {
      id,
      name: 'bookmark',
      label: `App ${id.slice(3, 12)} r${revision}`,
      status: 'ACTIVE',
      created: at,
      lastUpdated: at,
      signOnMode: 'BOOKMARK',
      accessibility: { selfService: false, errorRedirectUrl: null },
      visibility: { autoSubmitToolbar: false, hide: { iOS: false, web: false } },
      features: [],
      settings: { app: { requestIntegration: false, url: 'https://example.com/bookmark' } },
      _links: { users: { href: `/api/v1/apps/${id}/users` } },
    };
  }

  seedUsers(count: number): void {
    for (let k = 0; k < count; k++) this.#put(this.users, this.makeUser(this.#stamp(count, k)));
  }

  seedGroups(count: number): void {
    for (let k = 0; k < count; k++) this.#put(this.groups, this.makeGroup(this.#stamp(count, k)));
  }

  seedApps(count: number): void {
    for (let k = 0; k < count; k++) this.#put(this.apps, this.makeApp(this.#stamp(count, k)));
  }

  /**
   * Adds `count` memberships between existing users and groups (user i into group i, then on round the
   * next groups), creating a user and a group for each when the directory has none to pair.
   */
  seedMemberships(count: number): void {
    for (let k = 0; k < count; k++) {
      const pair = this.#freePair() ?? this.#newPair(this.#stamp(count, k));
      this.addMember(pair[0], pair[1]);
    }
  }

  addMember(groupId: string, userId: string): void {
    const list = this.members.get(groupId) ?? [];
    if (!list.includes(userId)) list.push(userId);
    this.members.set(groupId, list);
  }

  removeMember(groupId: string, userId: string): void {
    this.members.set(groupId, (this.members.get(groupId) ?? []).filter((id) => id !== userId));
  }

  #freePair(): [string, string] | undefined {
    const users = [...this.users.keys()];
    const groups = [...this.groups.keys()];
    for (let round = 0; round < groups.length; round++) {
      for (let i = 0; i < users.length; i++) {
        const group = groups[(i + round) % groups.length]!;
        if (!(this.members.get(group) ?? []).includes(users[i]!)) return [group, users[i]!];
      }
    }
    return undefined;
  }

  #newPair(at: string): [string, string] {
    const user = this.makeUser(at);
    const group = this.makeGroup(at);
    this.users.set(user.id, user);
    this.groups.set(group.id, group);
    return [group.id, user.id];
  }

  #put<T extends { id: string }>(map: Map<string, T>, item: T): void {
    map.set(item.id, item);
  }

  /** Deleting a user or a group ends its memberships, as in Okta. */
  deleteUser(id: string): void {
    this.users.delete(id);
    for (const [group, list] of this.members) this.members.set(group, list.filter((u) => u !== id));
  }

  deleteGroup(id: string): void {
    this.groups.delete(id);
    this.members.delete(id);
  }

  now(): string {
    return iso(this.#clock.now().getTime());
  }

  /** The memberships as the group-memberships stream yields them: groups by id, members in listing order. */
  memberships(): OktaGroupMembership[] {
    return byId(this.groups).flatMap((group) =>
      (this.members.get(group.id) ?? [])
        .map((id) => this.users.get(id))
        .filter((u): u is OktaUser => u !== undefined)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((user) => ({ group: { id: group.id, type: group.type!, profile: group.profile }, user })),
    );
  }
}

/** Items of a collection in Okta's listing order for this simulator: by id (the `after` cursor is the last id). */
export function byId<T extends { id: string }>(map: ReadonlyMap<string, T>): T[] {
  return [...map.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

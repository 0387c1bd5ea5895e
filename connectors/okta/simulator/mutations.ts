import type { Mutation } from '@patchbay/conformance';
import type { OktaUser } from '../mappers/okta-types.ts';
import type { Directory } from './directory.ts';

const revisionOf = (text: unknown): number => Number(/(\d+)\s*$/.exec(String(text ?? ''))?.[1] ?? 1);

/** Changes at the vendor between runs, per stream: the oldest records are updated (stamped now), the next oldest deleted, new ones created. */
export function mutateDirectory(directory: Directory, stream: string, change: Mutation): void {
  const now = directory.now();
  const update = change.update ?? 0;
  const remove = change.delete ?? 0;
  if (stream === 'users') {
    const list = [...directory.users.values()];
    for (const u of list.slice(0, update)) directory.users.set(u.id, bump(directory, u, now));
    for (const u of list.slice(update, update + remove)) directory.deleteUser(u.id);
    for (let i = 0; i < (change.create ?? 0); i++) {
      const user = directory.makeUser(now);
      directory.users.set(user.id, user);
    }
  } else if (stream === 'groups') {
    const list = [...directory.groups.values()];
    for (const g of list.slice(0, update)) directory.groups.set(g.id, directory.makeGroup(now, revisionOf(g.profile.description) + 1, g.id));
    for (const g of list.slice(update, update + remove)) directory.deleteGroup(g.id);
    for (let i = 0; i < (change.create ?? 0); i++) {
      const group = directory.makeGroup(now);
      directory.groups.set(group.id, group);
    }
  } else if (stream === 'applications') {
    const list = [...directory.apps.values()];
    for (const a of list.slice(0, update)) directory.apps.set(a.id, directory.makeApp(now, revisionOf(a.label) + 1, a.id));
    for (const a of list.slice(update, update + remove)) directory.apps.delete(a.id);
    for (let i = 0; i < (change.create ?? 0); i++) {
      const app = directory.makeApp(now);
      directory.apps.set(app.id, app);
    }
  } else if (stream === 'group-memberships') {
    // A membership changes when its member does; one ends when the user leaves the group.
    const list = directory.memberships();
    for (const m of list.slice(0, update)) directory.users.set(m.user.id, bump(directory, directory.users.get(m.user.id)!, now));
    for (const m of list.slice(update, update + remove)) directory.removeMember(m.group.id, m.user.id);
    directory.seedMemberships(change.create ?? 0);
  }
}

function bump(directory: Directory, user: OktaUser, now: string): OktaUser {
  const fresh = directory.makeUser(now, revisionOf(user.profile.department) + 1, user.id, user.status);
  return { ...fresh, created: user.created, profile: { ...fresh.profile, firstName: user.profile.firstName, lastName: user.profile.lastName } };
}

import { afterEach, describe, expect, it } from 'vitest';
import { apiKeyAuth } from '@patchbay/sdk';
import { Secret } from '@patchbay/types';
import { AutoAdvanceClock, installConnector, testDatabaseKinds, type InstalledConnector } from '@patchbay/conformance';
import connector from './connector.ts';
import { startOktaSimulator, type OktaSimulator } from './simulator/index.ts';

interface Row {
  stream: string;
  external_id: string;
  deleted_at: Date | null;
  data: { class_uid: number; user?: { uid: string; groups?: { uid: string; name: string }[]; account?: { is_disabled: boolean } } };
}

describe.each(testDatabaseKinds())('okta end to end through engine.sync.runNow on %s', (kind) => {
  let test: InstalledConnector | undefined;
  let sim: OktaSimulator | undefined;
  afterEach(async () => {
    await sim?.close();
    await test?.close();
    sim = undefined;
    test = undefined;
  });

  async function install(pageSize: number) {
    // Sleeps (the declared rate limit's pacing) advance this clock at once.
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    sim = await startOktaSimulator({ pageSize, clock });
    const auth = apiKeyAuth({ in: 'header', name: 'Authorization', value: new Secret('api-token'), prefix: 'SSWS ' });
    const installed = await installConnector({ kind, connector, configuration: sim.configuration, clock, auth: auth });
    test = installed;
    const sync = async () => {
      clock.advance(60_000);
      const runs = await installed.sync();
      return Object.fromEntries(runs.map((r) => [r.stream, r]));
    };
    const rows = (stream: string) =>
      installed.query<Row>('select stream, external_id, deleted_at, data from records where instance_id = $1 and stream = $2 order by external_id', [installed.instanceId, stream]);
    return { sim, sync, rows };
  }

  it('syncs users and memberships, answers "which groups is user X in", and detects ended memberships and deleted users', async () => {
    const { sim: org, sync, rows } = await install(2);
    org.seed('users', { count: 4 });
    org.seed('groups', { count: 2 });
    org.seed('group-memberships', { count: 5 });
    const first = await sync();
    expect(first['users']).toMatchObject({ status: 'completed', recordsCreated: 4 });
    expect(first['groups']).toMatchObject({ status: 'completed', recordsCreated: 2 });
    expect(first['group-memberships']).toMatchObject({ status: 'completed', recordsCreated: 5, recordsInvalid: 0 });
    const memberships = await rows('group-memberships');
    const [user] = org.records('users') as { id: string }[];
    const groupsOfUser = memberships.filter((r) => r.data.user!.uid === user!.id).map((r) => r.data.user!.groups![0]!.uid);
    expect(groupsOfUser.sort()).toEqual([...org.directory.groups.keys()].filter((g) => org.directory.members.get(g)!.includes(user!.id)).sort());
    expect(memberships.every((r) => r.external_id === `${r.data.user!.groups![0]!.uid}:${r.data.user!.uid}` && r.data.class_uid === 5003)).toBe(true);

    // A member leaves a group; a user is deactivated (DEPROVISIONED stays listed); another is deleted.
    const [g0] = [...org.directory.groups.keys()];
    const leaving = org.directory.members.get(g0!)![0]!;
    org.directory.removeMember(g0!, leaving);
    const ids = [...org.directory.users.keys()];
    org.directory.users.set(ids[1]!, { ...org.directory.users.get(ids[1]!)!, status: 'DEPROVISIONED', lastUpdated: '2026-05-01T00:01:30.000Z' });
    org.directory.deleteUser(ids[3]!);
    const second = await sync();
    expect(second['users']).toMatchObject({ status: 'completed', recordsDeleted: 1, recordsUpdated: 1 });
    const gone = (await rows('group-memberships')).filter((r) => r.deleted_at !== null).map((r) => r.external_id);
    expect(gone).toContain(`${g0}:${leaving}`);
    expect(second['group-memberships']!.recordsDeleted).toBe(gone.length);
    const users = await rows('users');
    expect(users.find((r) => r.external_id === ids[1])).toMatchObject({ deleted_at: null, data: { user: { account: { is_disabled: true } } } });
    expect(users.find((r) => r.external_id === ids[3])!.deleted_at).not.toBeNull();
    expect(org.requests.find((r) => r.path === '/api/v1/users')!.query.filter).toContain('status eq "DEPROVISIONED"');
  });

  it('polls the System Log: since and ASCENDING first, resumes from the stored next link, picks up new events', async () => {
    const { sim: org, sync, rows } = await install(3);
    org.seed('system-log', { count: 7 });
    const first = await sync();
    expect(first['system-log']).toMatchObject({ status: 'completed', recordsCreated: 7 });
    const polls = () => org.requests.filter((r) => r.path === '/api/v1/logs');
    expect(polls()[0]!.query).toMatchObject({ sortOrder: 'ASCENDING', limit: '3', since: '2026-04-24T00:01:00.000Z' });
    expect(polls()[0]!.query.until).toBeUndefined();
    const before = polls().length;
    const idle = await sync();
    expect(idle['system-log']).toMatchObject({ status: 'completed', recordsCreated: 0, recordsUpdated: 0 });
    expect(polls().slice(before).map((r) => r.query.after !== undefined)).toEqual([true]);
    org.mutate!('system-log', { create: 2 });
    const third = await sync();
    expect(third['system-log']).toMatchObject({ status: 'completed', recordsCreated: 2, recordsUpdated: 0 });
    expect((await rows('system-log')).map((r) => r.external_id)).toEqual(org.log.events.map((e) => e.uuid).sort());
  });
});

describe.each(testDatabaseKinds())('okta service app through the vault on %s', (kind) => {
  it('gets scoped tokens with private_key_jwt client authentication and syncs with them', async () => {
    const clock = new AutoAdvanceClock(new Date());
    const sim = await startOktaSimulator({ pageSize: 5, clock });
    sim.seed('users', { count: 3 });
    const test = await installConnector({ kind, connector, configuration: sim.configuration, clock, credentials: sim.oauthVaultCredentials });
    try {
      const runs = await test.sync({ stream: 'users' });
      expect(runs.map((r) => [r.stream, r.status, r.recordsCreated])).toEqual([['users', 'completed', 3]]);
      // The token endpoint was asked once, with a client assertion (an RFC 7523 grant would have been refused).
      expect(sim.requests.filter((r) => r.path === '/oauth2/v1/token').map((r) => r.status)).toEqual([200]);
    } finally {
      await sim.close();
      await test.close();
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock, PatchbayError } from '@patchbay/types';
import { createEngine } from '../create-engine.ts';
import { systemActor, type Actor } from '../lib/actor.ts';
import { scripted } from '../process/fixtures/scripted.ts';
import { processProgramOf } from '../process/process-connector.ts';

const builtIn = { id: 'test-source', name: 'Test Source', vendor: 'Patchbay', category: 'other', version: '1.0.0', description: 'A built-in row', keyFeatures: ['tests'], capabilities: ['ingest'], authMethods: [], schema: {} };

async function failure(promise: Promise<unknown>): Promise<PatchbayError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PatchbayError);
  return error as PatchbayError;
}

describe.each(testDatabaseKinds())('registered connector programs on %s', (kind) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function setup() {
    t = await createTestDatabase(kind);
    const open = async () => {
      const engine = createEngine({ database: t!.database, clock: new ManualClock('2026-05-01T00:00:00Z'), log: pino({ level: 'silent' }), catalog: [builtIn] });
      const boot = await engine.start();
      return { engine, boot };
    };
    const { engine, boot } = await open();
    const admin = systemActor(boot!.organizationId, 'test');
    const q = <T>(sql: string, params: unknown[] = []) => t!.database.query<T>(sql, params);
    return { engine, admin, q, open };
  }

  it('registers a program from its spec: organisation-scoped row, in-process definition, audit row', async () => {
    const { engine, admin, q } = await setup();
    const row = await engine.registeredConnectors.register(admin, scripted('well-behaved'));
    expect(row).toMatchObject({ id: 'scripted-program', organizationId: admin.organizationId, isBuiltIn: false, version: '1.0.0', capabilities: ['ingest', 'actions', 'query'], authMethods: ['bearer'], installCount: 0 });
    expect(row.processCommand).toEqual(scripted('well-behaved'));
    expect(row.schemaDefinition).toMatchObject({ protocol: 'patchbay-process/1', streams: [{ name: 'findings', primaryKey: 'id' }], processSpec: { id: 'scripted-program' } });
    const definition = engine.registry.get('scripted-program')!;
    expect(processProgramOf(definition)?.program).toEqual(scripted('well-behaved'));
    expect(await q(`select action, target_id from audit_log where action like 'connector.%'`)).toEqual([{ action: 'connector.registered', target_id: 'scripted-program' }]);
    expect((await failure(engine.registeredConnectors.register(admin, scripted('well-behaved')))).code).toBe('ALREADY_EXISTS');
  });

  it('names the bad spec field, the missing command, and refuses non-admins', async () => {
    const { engine, admin } = await setup();
    const bad = await failure(engine.registeredConnectors.register(admin, scripted('bad-spec')));
    expect(bad).toMatchObject({ code: 'CONNECTOR_SPEC_INVALID', field: 'spec.docs_url' });
    expect((bad.details!.issues as { field: string }[]).map((i) => i.field)).toEqual(['spec.docs_url', 'spec.streams[0].primary_key']);
    const webhook = await failure(engine.registeredConnectors.register(admin, scripted('unknown-field')));
    expect(webhook).toMatchObject({ code: 'CONNECTOR_SPEC_INVALID', field: 'spec.webhook', hint: expect.stringMatching(/webhooks/) });
    const missing = await failure(engine.registeredConnectors.register(admin, { command: '/nonexistent/connector', args: [] }));
    expect(missing).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.command' });
    const editor: Actor = { ...admin, role: 'editor' };
    expect((await failure(engine.registeredConnectors.register(editor, scripted('well-behaved')))).code).toBe('FORBIDDEN');
    expect(engine.registry.get('scripted-program')).toBeUndefined();
  });

  it('updates by running spec again, keeps the id, and audits the version change', async () => {
    const { engine, admin, q } = await setup();
    await engine.registeredConnectors.register(admin, scripted('well-behaved'));
    const updated = await engine.registeredConnectors.update(admin, 'scripted-program', { args: scripted('v2').args });
    expect(updated).toMatchObject({ version: '2.0.0', description: 'The second version.' });
    expect(engine.registry.get('scripted-program')!.version).toBe('2.0.0');
    const renamed = await failure(engine.registeredConnectors.update(admin, 'scripted-program', { args: scripted('renamed').args }));
    expect(renamed).toMatchObject({ code: 'CONNECTOR_SPEC_INVALID', field: 'spec.id' });
    const [audit] = await q<{ details: unknown }>(`select details from audit_log where action = 'connector.updated'`);
    expect(audit!.details).toMatchObject({ from_version: '1.0.0', to_version: '2.0.0' });
  });

  it('deletes only unused programs of its own organisation, never built-ins', async () => {
    const { engine, admin, q } = await setup();
    await engine.registeredConnectors.register(admin, scripted('well-behaved'));
    const instance = await engine.instances.create(admin, { name: 'scripted', connectorId: 'scripted-program' });
    expect(await failure(engine.registeredConnectors.remove(admin, 'scripted-program'))).toMatchObject({ code: 'CONNECTOR_IN_USE', details: { instance_ids: [instance.id] } });
    expect((await failure(engine.registeredConnectors.remove(admin, 'test-source'))).code).toBe('CONNECTOR_BUILT_IN');
    expect((await failure(engine.registeredConnectors.update(admin, 'test-source', {}))).code).toBe('CONNECTOR_BUILT_IN');
    const platform: Actor = { ...admin, role: 'platform-admin' };
    const other = await engine.organizations.create(platform, { slug: 'other', name: 'Other', adminEmail: 'admin@other.example' });
    const stranger = systemActor(other.organization.id, 'test');
    expect((await failure(engine.registeredConnectors.remove(stranger, 'scripted-program'))).code).toBe('CONNECTOR_NOT_FOUND');
    expect((await failure(engine.registeredConnectors.describe(stranger, 'scripted-program'))).code).toBe('CONNECTOR_NOT_FOUND');
    await engine.instances.remove(admin, instance.id);
    await engine.registeredConnectors.remove(admin, 'scripted-program');
    expect(engine.registry.get('scripted-program')).toBeUndefined();
    expect(await q(`select id from connectors where id = 'scripted-program'`)).toEqual([]);
    expect((await q<{ action: string }>(`select action from audit_log where action like 'connector.%' order by seq`)).map((r) => r.action)).toEqual(['connector.registered', 'connector.deleted']);
  });

  it('re-registers stored programs at start without running them, and skips a broken one', async () => {
    const { engine, admin, q, open } = await setup();
    await engine.registeredConnectors.register(admin, scripted('well-behaved'));
    await q(`update connectors set process_command = '{"command":"/nonexistent/moved","args":[]}'::jsonb where id = 'scripted-program'`);
    await q(`insert into connectors (id, organization_id, name, vendor, category, version, description, is_built_in, process_command, schema_definition) values ('broken-program', $1, 'Broken', 'X', 'other', '1.0.0', 'x', false, '{"command":"x","args":[]}'::jsonb, '{"processSpec":{"id":"broken-program"}}'::jsonb)`, [admin.organizationId]);
    const restarted = await open();
    const definition = restarted.engine.registry.get('scripted-program');
    expect(processProgramOf(definition!)?.program.command).toBe('/nonexistent/moved');
    expect(restarted.engine.registry.get('broken-program')).toBeUndefined();
    const { description } = await restarted.engine.registeredConnectors.describe(admin, 'scripted-program');
    expect(description.streams?.[0]).toMatchObject({ name: 'findings', ocsf: { class: 'detection_finding', classUid: 2004 } });
  });
});

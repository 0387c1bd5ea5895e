import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createEventsFixture, type EventsFixture } from '../webhooks/testing/fixture.ts';
import { itsmConnector, scanner } from '../tickets/testing/ticket-fixtures.ts';

/** SLA policies and ticket rules as configuration: export, import into a fresh hub, same document; checks. */
describe.each(testDatabaseKinds())('ticket rules and SLA policies in the configuration document on %s', (kind) => {
  let from: EventsFixture;
  let to: EventsFixture;
  beforeAll(async () => {
    from = await createEventsFixture(kind, { connectors: [scanner, itsmConnector] });
    to = await createEventsFixture(kind, { connectors: [scanner, itsmConnector] });
    const itsmId = (await from.engine.instances.create(from.actor, { name: 'itsm', connectorId: 'test-itsm' })).id;
    const scannerId = (await from.engine.instances.create(from.actor, { name: 'scanner', connectorId: 'test-scanner' })).id;
    const policy = await from.engine.tickets.slaPolicies.create(from.actor, { name: 'standard', targets: { '1': 240, '2': 1440 }, nearBreachRatio: 0.8, businessHours: { timezone: 'Europe/Paris', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' } });
    await from.engine.tickets.rules.create(from.actor, {
      name: 'critical',
      instanceId: itsmId,
      sourceInstanceId: scannerId,
      filterCriteria: { severity_at_least: 5 },
      assetConditions: { criticality_at_least: 'high' },
      groupBy: 'asset',
      titleTemplate: '"[Patchbay] " & record.finding_info.title',
      fieldMapping: { customfield_10042: '=record.severity_id * 10' },
      priorityMatrix: { high: { none: 2 } },
      slaPolicyId: policy.id,
    });
  });
  afterAll(async () => {
    await from.close();
    await to.close();
  });

  it('exports them by name, and an import into a fresh hub exports the same document', async () => {
    const yaml = await from.engine.config.exportYaml(from.actor);
    const doc = await from.engine.config.exportDocument(from.actor);
    expect(doc.sla_policies).toEqual([{ name: 'standard', targets: { '1': 240, '2': 1440 }, near_breach_ratio: 0.8, business_hours: { timezone: 'Europe/Paris', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' } }]);
    expect(doc.ticket_rules[0]).toMatchObject({ name: 'critical', instance: 'itsm', source_instance: 'scanner', sla_policy: 'standard', group_by: 'asset' });
    const plan = await to.engine.config.import(to.actor, yaml, { dryRun: true });
    expect(plan.changes.filter((c) => c.kind === 'sla_policy' || c.kind === 'ticket_rule')).toEqual([
      { kind: 'sla_policy', name: 'standard', action: 'create' },
      { kind: 'ticket_rule', name: 'critical', action: 'create' },
    ]);
    await to.engine.config.import(to.actor, yaml);
    expect(await to.engine.config.exportYaml(to.actor)).toBe(yaml);
    const again = await to.engine.config.import(to.actor, yaml);
    expect(again.summary).toMatchObject({ create: 0, update: 0, delete: 0 });
  });

  it('names every problem in rules and policies, and applies nothing', async () => {
    const doc = await from.engine.config.exportDocument(from.actor);
    const bad = {
      ...doc,
      sla_policies: [{ ...doc.sla_policies[0]!, targets: { '7': 10 }, business_hours: { timezone: 'Nowhere/Land', days: [1], start: '09:00', end: '17:00' } }],
      ticket_rules: [{ ...doc.ticket_rules[0]!, instance: 'scanner', title_template: 'record.(', priority_matrix: { severe: {} } }],
    };
    const error = await to.engine.config.import(to.actor, bad).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFIG_IMPORT_INVALID' });
    const fields = (error as { details: { errors: { field: string }[] } }).details.errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'sla_policies[0].targets.7',
        'sla_policies[0].business_hours.timezone',
        'ticket_rules[0].instance',
        'ticket_rules[0].title_template',
        'ticket_rules[0].priority_matrix.severe',
      ]),
    );
  });

  it('prunes a rule and its policy, rules first', async () => {
    const doc = await to.engine.config.exportDocument(to.actor);
    const result = await to.engine.config.import(to.actor, { ...doc, sla_policies: [], ticket_rules: [] }, { prune: true });
    expect(result.changes.filter((c) => c.action === 'delete').map((c) => c.kind)).toEqual(expect.arrayContaining(['sla_policy', 'ticket_rule']));
    expect((await to.engine.tickets.rules.list(to.actor)).items).toEqual([]);
    expect((await to.engine.tickets.slaPolicies.list(to.actor)).items).toEqual([]);
  });
});

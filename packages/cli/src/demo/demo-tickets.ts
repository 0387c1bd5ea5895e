import { MAX_LIMIT, type Actor, type Engine } from '@patchbay/engine';
import { demoTickets } from './demo-sources.ts';
import type { DemoInstance } from './install-demo-source.ts';

/**
 * The demo's SLA policy and ticket rule (scanner findings to the ITSM), created through the ticket
 * services on the first start and left as they are on later ones (the user may have edited them).
 * Nothing when either instance is missing from the demo.
 */
export async function ensureDemoTickets(engine: Engine, actor: Actor, installed: readonly DemoInstance[]): Promise<{ ruleId: string } | null> {
  const source = installed.find((d) => d.source.connectorId === demoTickets.sourceConnectorId);
  const target = installed.find((d) => d.source.connectorId === demoTickets.ticketConnectorId);
  if (!source || !target) return null;
  const rules = (await engine.tickets.rules.list(actor, { limit: MAX_LIMIT })).items;
  const rule = rules.find((r) => r.name === demoTickets.ruleName);
  if (rule) return { ruleId: rule.id };
  const policies = (await engine.tickets.slaPolicies.list(actor, { limit: MAX_LIMIT })).items;
  const policy = policies.find((p) => p.name === demoTickets.policyName) ?? (await engine.tickets.slaPolicies.create(actor, { name: demoTickets.policyName, targets: { ...demoTickets.targets } }));
  const created = await engine.tickets.rules.create(actor, {
    name: demoTickets.ruleName,
    instanceId: target.instance.id,
    sourceInstanceId: source.instance.id,
    filterCriteria: { ...demoTickets.filterCriteria },
    slaPolicyId: policy.id,
  });
  return { ruleId: created.id };
}

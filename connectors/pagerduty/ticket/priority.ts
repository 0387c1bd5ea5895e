import type { ConnectorContext, TicketPriority } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { listPriorities, type Priority } from '../client/priorities.ts';
import type { PagerDutyConfig } from '../config.ts';

/**
 * The account priority a Patchbay priority maps to through the instance's priority_names table, or null
 * when priorities are not used: turned off (use_priorities), or the account has none (not enabled, or a
 * plan without them). Then the incident gets no priority, and only the trigger's severity (the severities
 * table) speaks for the Patchbay priority, through the service's urgency rules. A table name the account
 * does not have is a configuration error, raised before anything is sent.
 */
export async function priorityFor(ctx: ConnectorContext<PagerDutyConfig>, priority: TicketPriority): Promise<Priority | null> {
  if (!ctx.config.use_priorities) return null;
  const available = await listPriorities(ctx);
  if (available.length === 0) {
    ctx.log.info({ priority }, 'the PagerDuty account has no incident priorities; the incident gets none (the event severity sets its urgency)');
    return null;
  }
  const wanted = ctx.config.priority_names[String(priority) as keyof PagerDutyConfig['priority_names']];
  const found = available.find((p) => p.name === wanted) ?? available.find((p) => p.name.toLowerCase() === wanted.toLowerCase());
  if (!found) {
    throw new PatchbayError('CONFIG_INVALID', {
      field: `priority_names.${priority}`,
      message: `The PagerDuty account has no priority named "${wanted}" (it has ${available.map((p) => p.name).join(', ')})`,
      hint: 'Name one of the account\'s priorities in priority_names for each Patchbay priority, or turn use_priorities off.',
    });
  }
  return found;
}

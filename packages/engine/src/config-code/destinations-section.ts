import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DestinationFormat } from '@patchbay/sdk';
import { destinations } from '@patchbay/store';
import { isPatchbayError } from '@patchbay/types';
import { createDestinationService } from '../destinations/destination-service.ts';
import { checkFormat, type FormatOptions } from '../destinations/formats/index.ts';
import { isValidTypePattern } from '../events/catalog.ts';
import { canonicalJson } from '../lib/canonical-json.ts';
import { checkCriteria } from '../subscriptions/filter.ts';
import type { ConfigSection, DocumentIssue, SectionApplyContext } from './config-section.ts';

const json = z.record(z.string(), z.unknown());

/**
 * A SIEM destination: everything non-secret that defines one (the sending instance by name, format and
 * its options, the event filter, active). Its cursor, failure state and dead letters are the hub's own
 * and are not part of the configuration; the connector's batch size is the connector's (and the
 * receiver's address, token and batching settings are the sending instance's configuration and credential).
 */
export const destinationEntry = z
  .object({
    name: z.string().min(1),
    instance: z.string().min(1).describe('The sending instance (by name); its connector declares a destination'),
    format: z.string().min(1),
    format_options: json,
    event_type: z.string().min(1),
    source_instance: z.string().min(1).nullable().describe('Only events from this source instance (by name)'),
    filter_criteria: json,
    is_active: z.boolean(),
  })
  .strict();

export type DestinationEntry = z.output<typeof destinationEntry>;

const byText = (key: (e: DestinationEntry) => string) => (a: { entry: DestinationEntry }, b: { entry: DestinationEntry }) => (key(a.entry) < key(b.entry) ? -1 : key(a.entry) > key(b.entry) ? 1 : 0);

/** A PatchbayError's message as an issue; anything else is not a validation problem and is thrown on. */
function issueOf(field: string, error: unknown): DocumentIssue {
  if (isPatchbayError(error)) return { field, message: error.message };
  throw error;
}

function inputOf(ctx: SectionApplyContext, e: DestinationEntry) {
  return {
    name: e.name,
    format: e.format as DestinationFormat,
    formatOptions: e.format_options,
    eventType: e.event_type,
    sourceInstanceId: e.source_instance === null ? null : ctx.instanceIds.get(e.source_instance)!,
    filterCriteria: e.filter_criteria,
    isActive: e.is_active,
  };
}

/** `destinations:` of the configuration document. Matched by name; a destination's instance cannot change. */
export const destinationsSection: ConfigSection<DestinationEntry> = {
  key: 'destinations',
  kind: 'destination',

  async read(tx, ctx) {
    const rows = await tx.select().from(destinations).where(eq(destinations.organizationId, ctx.organizationId));
    return rows
      .map((d) => ({
        id: d.id,
        entry: {
          name: d.name,
          instance: ctx.instanceName(d.instanceId),
          format: d.format,
          format_options: d.formatOptions,
          event_type: d.eventType,
          source_instance: d.sourceInstanceId === null ? null : ctx.instanceName(d.sourceInstanceId),
          filter_criteria: d.filterCriteria,
          is_active: d.isActive,
        },
      }))
      .sort(byText((e) => `${e.name}\u0000${canonicalJson(e)}`));
  },

  name: (e) => e.name,
  matches: (desired, current) => desired.name === current.name && desired.instance === current.instance,

  check(entries, ctx) {
    const issues: DocumentIssue[] = [];
    entries.forEach((d, i) => {
      const at = `destinations[${i}]`;
      const connector = ctx.connectorOf.get(d.instance);
      if (!ctx.instanceNames.has(d.instance)) issues.push({ field: `${at}.instance`, message: `no instance named ${d.instance}` });
      else if (connector !== undefined) {
        const declared = ctx.registry.get(connector)?.destination;
        if (!declared) issues.push({ field: `${at}.instance`, message: `instance ${d.instance} runs ${connector}, which has no destination capability` });
        else if (!declared.formats.includes(d.format as DestinationFormat)) issues.push({ field: `${at}.format`, message: `${connector} takes ${declared.formats.join(', ')}, not ${d.format}` });
        else {
          try {
            checkFormat(d.format as DestinationFormat, d.format_options as FormatOptions);
          } catch (error) {
            issues.push(issueOf(`${at}.format_options`, error));
          }
        }
      }
      const moved = ctx.current.some((c) => c.name === d.name && c.instance !== d.instance) && !ctx.current.some((c) => c.name === d.name && c.instance === d.instance);
      if (moved) issues.push({ field: `${at}.instance`, message: `destination ${d.name} sends through another instance in this hub; a destination's instance cannot change: give it another name (and prune the old one)` });
      if (d.source_instance !== null && !ctx.instanceNames.has(d.source_instance)) issues.push({ field: `${at}.source_instance`, message: `no instance named ${d.source_instance}` });
      if (!isValidTypePattern(d.event_type)) issues.push({ field: `${at}.event_type`, message: `${JSON.stringify(d.event_type)} is not an event type or pattern` });
      try {
        checkCriteria(d.filter_criteria);
      } catch (error) {
        issues.push(issueOf(`${at}.filter_criteria`, error));
      }
    });
    return issues;
  },

  async create(ctx, entry) {
    await createDestinationService(ctx.deps, ctx.registry).create(ctx.actor, { ...inputOf(ctx, entry), instanceId: ctx.instanceIds.get(entry.instance)! });
  },
  async update(ctx, id, entry) {
    await createDestinationService(ctx.deps, ctx.registry).update(ctx.actor, id, inputOf(ctx, entry));
  },
  async remove(ctx, id) {
    await createDestinationService(ctx.deps, ctx.registry).remove(ctx.actor, id);
  },
};

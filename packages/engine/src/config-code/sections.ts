import type { ConfigSection } from './config-section.ts';
import { destinationsSection } from './destinations-section.ts';
import { slaPoliciesSection, ticketRulesSection } from './tickets-sections.ts';

/**
 * The document's lists beyond instances, mappings, subscriptions and webhook endpoints, in document order.
 * Each is read, checked, planned and applied the same way (config-section.ts); a new one is an entry
 * schema in config-document.ts and a section here.
 */
export const configSections: readonly ConfigSection<unknown>[] = [
  destinationsSection as ConfigSection<unknown>,
  // SLA policies before ticket rules, which name them.
  slaPoliciesSection as ConfigSection<unknown>,
  ticketRulesSection as ConfigSection<unknown>,
];

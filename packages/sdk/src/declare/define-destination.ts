import { isOneOf } from './catalogue.ts';
import type { DestinationDeclaration, DestinationDefinition } from './destination-types.ts';
import { destinationFormats } from './destination-types.ts';
import { freezeData } from './freeze.ts';
import { DeclarationIssues } from './issues.ts';

/** Records every problem in a destination declaration under `field`. */
export function checkDestination(issues: DeclarationIssues, field: string, destination: DestinationDeclaration<never>): void {
  const formats: unknown = destination.formats;
  if (!Array.isArray(formats) || formats.length === 0) {
    issues.add(`${field}.formats`, `must list at least one of ${destinationFormats.join(', ')}`);
  } else {
    const seen = new Set<unknown>();
    formats.forEach((format: unknown, index) => {
      if (!isOneOf(destinationFormats, format)) issues.add(`${field}.formats[${index}]`, `${JSON.stringify(format)} is not a format; use ${destinationFormats.join(', ')}`);
      else if (seen.has(format)) issues.add(`${field}.formats[${index}]`, `"${format}" is listed twice`);
      seen.add(format);
    });
  }
  const max = destination.maxBatchEvents;
  if (max !== undefined && !(Number.isInteger(max) && max >= 1 && max <= 10_000)) issues.add(`${field}.maxBatchEvents`, 'must be an integer from 1 to 10000');
  const hasSend = destination.send !== undefined;
  const hasConnect = destination.connect !== undefined;
  if (hasSend && typeof destination.send !== 'function') issues.add(`${field}.send`, 'must be an async function');
  if (hasConnect && typeof destination.connect !== 'function') issues.add(`${field}.connect`, 'must be an async function');
  if (hasSend === hasConnect) issues.add(field, 'must declare exactly one of send (stateless) or connect (a kept connection)');
}

/** Declares how a connector receives events as a destination (SIEM forwarding): its formats and how it sends. */
export function defineDestination<Config = Record<string, unknown>>(declaration: DestinationDeclaration<Config>): DestinationDefinition<Config> {
  const issues = new DeclarationIssues('destination');
  checkDestination(issues, 'destination', declaration as DestinationDeclaration<never>);
  issues.throwIfAny();
  return freezeData({ ...declaration, kind: 'destination' as const });
}

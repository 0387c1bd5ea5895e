import type { z } from 'zod';
import type { ActionDeclaration } from './action-types.ts';
import type { AuthMethod } from './auth-methods.ts';
import { capabilities, connectorCategories, isOneOf } from './catalogue.ts';
import { capabilityRules } from './capability-rules.ts';
import { checkAuthMethod } from './check-auth.ts';
import { checkAllowedHosts, checkConfig } from './check-config.ts';
import type { ConnectorDeclaration } from './connector-types.ts';
import { checkAction } from './define-action.ts';
import { checkDestination } from './define-destination.ts';
import { checkTicketing } from './define-ticketing.ts';
import { checkStream } from './define-stream.ts';
import { checkWebhook } from './define-webhook.ts';
import { checkIcon } from './icon.ts';
import type { DeclarationIssues } from './issues.ts';
import { checkHttpsUrl, checkKebabName, checkSemver, checkText } from './names.ts';
import { checkRateLimits } from './rate-limits.ts';
import type { StreamDeclaration } from './stream-types.ts';

type Streams = readonly StreamDeclaration<unknown, z.ZodType, never>[];
type Actions = readonly ActionDeclaration<z.ZodType, z.ZodType, never>[];

function checkMetadata(issues: DeclarationIssues, c: ConnectorDeclaration): void {
  checkKebabName(issues, 'id', c.id, 'connector id', 'crowdstrike-falcon');
  checkText(issues, 'name', c.name, 100);
  checkText(issues, 'vendor', c.vendor, 100);
  if (!isOneOf(connectorCategories, c.category)) issues.add('category', `must be one of ${connectorCategories.join(', ')}`);
  checkSemver(issues, 'version', c.version);
  checkSemver(issues, 'minPlatformVersion', c.minPlatformVersion);
  checkText(issues, 'description', c.description, 1000);
  if (!Array.isArray(c.features) || c.features.length === 0 || c.features.length > 10) {
    issues.add('features', 'must list 1 to 10 key features');
  } else {
    c.features.forEach((feature, index) => checkText(issues, `features[${index}]`, feature, 120));
  }
  checkIcon(issues, 'icon', c.icon);
  checkHttpsUrl(issues, 'docsUrl', c.docsUrl);
  if (c.validate !== undefined && typeof c.validate !== 'function') issues.add('validate', 'must be an async function');
}

function checkUnique(issues: DeclarationIssues, list: string, names: readonly unknown[]): void {
  const seen = new Set<unknown>();
  names.forEach((name, index) => {
    if (seen.has(name)) issues.add(`${list}[${index}]`, `${JSON.stringify(name)} is declared twice`);
    seen.add(name);
  });
}

function checkReverses(issues: DeclarationIssues, actions: Actions): void {
  const byName = new Map(actions.map((action) => [action.name, action]));
  actions.forEach((action, index) => {
    if (action.reverse === undefined) return;
    const reverse = byName.get(action.reverse);
    const field = `actions[${index}].reverse`;
    if (reverse === undefined) issues.add(field, `refers to "${action.reverse}", which is not an action of this connector`);
    else if (reverse.readOnly) issues.add(field, `"${action.reverse}" is read-only, so it cannot undo "${action.name}"`);
    else if (reverse.reverse !== undefined && reverse.reverse !== action.name) {
      issues.add(field, `"${action.reverse}" names "${reverse.reverse}" as its reverse, not "${action.name}"`);
    }
  });
}

function checkCapabilities(issues: DeclarationIssues, c: ConnectorDeclaration, streams: Streams, actions: Actions): void {
  if (!Array.isArray(c.capabilities) || c.capabilities.length === 0) {
    issues.add('capabilities', `must list at least one of ${capabilities.join(', ')}`);
    return;
  }
  checkUnique(issues, 'capabilities', c.capabilities);
  const content = { streams: streams.length, actions, webhook: c.webhook !== undefined, destination: c.destination !== undefined, ticket: c.ticket !== undefined };
  c.capabilities.forEach((capability, index) => {
    if (!isOneOf(capabilities, capability)) issues.add(`capabilities[${index}]`, `${JSON.stringify(capability)} is not a capability`);
    else if (!capabilityRules[capability].backed(content)) issues.add(`capabilities[${index}]`, `"${capability}" needs ${capabilityRules[capability].needs}`);
  });
  for (const capability of capabilities) {
    if (capabilityRules[capability].implied?.(content) === true && !c.capabilities.includes(capability)) {
      issues.add('capabilities', `must include "${capability}"`, `The declaration has ${capabilityRules[capability].needs}.`);
    }
  }
}

/** An optional list of declaration objects; when it is anything else, the issue is recorded and the list skipped. */
function listOf(issues: DeclarationIssues, field: string, value: unknown): readonly object[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    issues.add(field, 'must be a list');
    return [];
  }
  const bad = value.findIndex((entry) => typeof entry !== 'object' || entry === null);
  if (bad === -1) return value as object[];
  issues.add(`${field}[${bad}]`, 'must be a declaration object');
  return [];
}

/** Records every problem in a whole connector declaration: each part, then how the parts fit together. */
export function checkConnector(issues: DeclarationIssues, c: ConnectorDeclaration): void {
  checkMetadata(issues, c);
  const configFields = checkConfig(issues, c.config);
  checkAllowedHosts(issues, c.allowedHosts, configFields);
  const allowedHosts = (Array.isArray(c.allowedHosts) ? c.allowedHosts : []).filter((h): h is string => typeof h === 'string');
  const auth = (Array.isArray(c.auth) ? c.auth : []) as readonly AuthMethod<never>[];
  if (!Array.isArray(c.auth)) issues.add('auth', 'must be a list of auth methods (empty for public feeds)');
  auth.forEach((method, index) => checkAuthMethod(issues, `auth[${index}]`, method, { configFields, allowedHosts }));
  checkUnique(issues, 'auth', auth.map((method) => method.type));
  const streams = listOf(issues, 'streams', c.streams) as Streams;
  streams.forEach((stream, index) => checkStream(issues, `streams[${index}]`, stream));
  checkUnique(issues, 'streams', streams.map((stream) => stream.name));
  const actions = listOf(issues, 'actions', c.actions) as Actions;
  actions.forEach((action, index) => checkAction(issues, `actions[${index}]`, action));
  checkUnique(issues, 'actions', actions.map((action) => action.name));
  checkReverses(issues, actions);
  if (c.webhook !== undefined) {
    checkWebhook(issues, 'webhook', c.webhook);
    const names = new Set(streams.map((stream) => stream.name));
    (Array.isArray(c.webhook.streams) ? c.webhook.streams : []).forEach((name, index) => {
      if (!names.has(name)) issues.add(`webhook.streams[${index}]`, `"${name}" is not a stream of this connector`);
    });
  }
  if (c.destination !== undefined) checkDestination(issues, 'destination', c.destination);
  if (c.ticket !== undefined) checkTicketing(issues, 'ticket', c.ticket, new Set(streams.map((stream) => stream.name)));
  checkRateLimits(issues, 'rateLimits', c.rateLimits);
  checkCapabilities(issues, c, streams, actions);
}

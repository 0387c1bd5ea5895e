import type { z } from 'zod';
import type { ActionDeclaration } from './action-types.ts';
import type { AuthMethod } from './auth-methods.ts';
import type { AnyConnector } from './connector-types.ts';
import { webhookSecretSource } from './define-webhook.ts';
import { describeAuth } from './describe-auth.ts';
import type { ActionDescription, ConnectorDescription, StreamDescription } from './description-types.ts';
import { freezeData } from './freeze.ts';
import { toJsonSchema } from './json-schema.ts';
import { permissionsRollup } from './permissions-rollup.ts';
import type { StreamDeclaration } from './stream-types.ts';

function describeStream(stream: StreamDeclaration<unknown, z.ZodType, never>): StreamDescription {
  return {
    name: stream.name,
    title: stream.title ?? null,
    description: stream.description ?? null,
    ocsf: { ...stream.ocsf },
    primaryKey: typeof stream.primaryKey === 'string' ? stream.primaryKey : null,
    fullRefresh: stream.fullRefresh,
    permissions: [...stream.permissions],
    schedule: stream.schedule === undefined ? null : { ...stream.schedule },
    checkpoint: toJsonSchema(stream.checkpoint, 'output'),
  };
}

function describeAction(action: ActionDeclaration<z.ZodType, z.ZodType, never>): ActionDescription {
  return {
    name: action.name,
    title: action.title,
    description: action.description,
    category: action.category,
    impact: action.impact,
    readOnly: action.readOnly,
    reverse: action.reverse ?? null,
    permissions: [...action.permissions],
    dryRun: action.plan !== undefined,
    input: toJsonSchema(action.input, 'input'),
    output: toJsonSchema(action.output, 'output'),
  };
}

const cache = new WeakMap<object, ConnectorDescription>();

/**
 * The connector as plain JSON (frozen, computed once per definition): config and credential JSON
 * Schemas, streams, actions, webhook verification, limits, hosts and the permissions rollup.
 */
export function describeConnector(definition: AnyConnector): ConnectorDescription {
  const cached = cache.get(definition);
  if (cached !== undefined) return cached;
  const streams = (definition.streams ?? []) as readonly StreamDeclaration<unknown, z.ZodType, never>[];
  const actions = (definition.actions ?? []) as readonly ActionDeclaration<z.ZodType, z.ZodType, never>[];
  const { webhook } = definition;
  const description: ConnectorDescription = {
    id: definition.id,
    name: definition.name,
    vendor: definition.vendor,
    category: definition.category,
    version: definition.version,
    description: definition.description,
    features: [...definition.features],
    icon: definition.icon,
    docsUrl: definition.docsUrl,
    minPlatformVersion: definition.minPlatformVersion,
    capabilities: [...definition.capabilities],
    testConnection: definition.validate !== undefined,
    config: toJsonSchema(definition.config, 'input'),
    auth: definition.auth.map((method) => describeAuth(method as AuthMethod<never>)),
    streams: streams.map(describeStream),
    actions: actions.map(describeAction),
    webhook:
      webhook === undefined
        ? null
        : {
            verification: { ...webhook.verification },
            secretSource: webhookSecretSource(webhook),
            ipAllowList: [...(webhook.ipAllowList ?? [])],
            streams: [...webhook.streams],
            events: [...(webhook.events ?? [])],
          },
    destination:
      definition.destination === undefined
        ? null
        : { formats: [...definition.destination.formats], maxBatchEvents: definition.destination.maxBatchEvents ?? 500, mode: definition.destination.connect ? 'connect' : 'send' },
    ticket:
      definition.ticket === undefined
        ? null
        : { noun: definition.ticket.noun, stream: definition.ticket.stream, statuses: { ...definition.ticket.statuses }, fields: structuredClone(definition.ticket.fields ?? {}) },
    rateLimits: definition.rateLimits === undefined ? null : { ...definition.rateLimits },
    allowedHosts: definition.allowedHosts.map((host) => (typeof host === 'string' ? host : { fromConfig: host.fromConfig })),
    permissions: permissionsRollup(streams, actions),
  };
  cache.set(definition, freezeData(description));
  return description;
}

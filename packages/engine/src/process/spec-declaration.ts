import { z } from 'zod';
import { defineConnector, type AnyConnector, type ConnectorDeclaration, type ConnectorContext, type StreamPage, type ValidateResult } from '@patchbay/sdk';
import { PatchbayError, isPatchbayError } from '@patchbay/types';
import { programSpec, type ProgramSpec } from './spec-schema.ts';

/** What the engine adds to a parsed spec: the behaviour that runs the program. */
export interface SpecBehaviour {
  fetch(stream: string, checkpoint: z.ZodType): (ctx: ConnectorContext, checkpoint: unknown) => AsyncIterable<StreamPage<Record<string, unknown>, unknown>>;
  map(stream: string): (raw: Record<string, unknown>) => Record<string, unknown>;
  run(action: string): (ctx: ConnectorContext, input: unknown) => Promise<unknown>;
  validate(ctx: ConnectorContext): Promise<ValidateResult>;
}

interface Issue {
  readonly field: string;
  readonly message: string;
  readonly hint?: string;
}

const camelToSnake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const snakeToCamel = (key: string) => key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
const pathOf = (path: readonly PropertyKey[]) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');

/** A zod issue of the wire shape; an unknown key is reported at the key itself. */
function wireIssue(issue: z.core.$ZodIssue): Issue {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const hint = key === 'webhook' ? 'Process connectors cannot receive webhooks in patchbay-process/1.' : 'Remove it, or check its spelling against docs/connectors/PROTOCOL.md.';
    return { field: pathOf([...issue.path, key]), message: 'is not a field of this part of the spec', hint };
  }
  return { field: pathOf(issue.path) || '(root)', message: issue.message };
}

function invalid(issues: readonly Issue[]): PatchbayError {
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new PatchbayError('CONNECTOR_SPEC_INVALID', {
    message: `Invalid spec from the connector program: spec.${first.field}: ${first.message}${more}`,
    field: `spec.${first.field}`,
    hint: first.hint ?? 'docs/connectors/PROTOCOL.md describes each spec field.',
    details: { issues: issues.map((i) => ({ ...i, field: `spec.${i.field}` })) },
  });
}

/** A JSON Schema from the spec as zod; a schema zod cannot read is an issue at `field`. */
function zodOf(schema: Record<string, unknown>, field: string, issues: Issue[]): z.ZodType {
  try {
    return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (error) {
    issues.push({ field, message: `is not a usable JSON Schema: ${(error as Error).message}` });
    return z.never();
  }
}

function declarationOf(spec: ProgramSpec, behaviour: SpecBehaviour, issues: Issue[]): ConnectorDeclaration {
  const streams = spec.streams.map((s, i) => {
    const checkpoint = s.checkpoint ? zodOf(s.checkpoint, `streams[${i}].checkpoint`, issues) : z.looseObject({});
    return {
      kind: 'stream' as const,
      name: s.name,
      title: s.title,
      description: s.description,
      ocsf: { class: s.ocsf.class, classUid: s.ocsf.class_uid },
      primaryKey: s.primary_key,
      checkpoint,
      fullRefresh: s.full_refresh,
      permissions: s.permissions,
      schedule: s.schedule ? { intervalMinutes: s.schedule.interval_minutes } : undefined,
      fetch: behaviour.fetch(s.name, checkpoint),
      map: behaviour.map(s.name),
    };
  });
  const actions = spec.actions.map((a, i) => ({
    kind: 'action' as const,
    name: a.name,
    title: a.title,
    description: a.description,
    input: zodOf(a.input, `actions[${i}].input`, issues),
    output: zodOf(a.output, `actions[${i}].output`, issues),
    readOnly: a.read_only,
    reverse: a.reverse,
    impact: a.impact,
    category: a.category,
    permissions: a.permissions,
    run: behaviour.run(a.name),
  }));
  const rateLimits = spec.rate_limits && Object.fromEntries(Object.entries(spec.rate_limits).map(([k, v]) => [snakeToCamel(k), v]));
  return {
    id: spec.id,
    name: spec.name,
    vendor: spec.vendor,
    category: spec.category,
    version: spec.version,
    description: spec.description,
    features: spec.features,
    icon: spec.icon,
    docsUrl: spec.docs_url,
    minPlatformVersion: spec.min_platform_version,
    capabilities: spec.capabilities,
    config: zodOf(spec.config, 'config', issues),
    auth: spec.auth.map((method) => Object.fromEntries(Object.entries(method).map(([k, v]) => [snakeToCamel(k), v]))),
    streams,
    actions,
    allowedHosts: spec.allowed_hosts.map((h) => (typeof h === 'string' ? h : { fromConfig: h.from_config })),
    rateLimits,
    validate: spec.test_connection ? behaviour.validate : undefined,
  } as unknown as ConnectorDeclaration;
}

/**
 * Checks a program's spec (JSON shape first, then every rule `defineConnector` applies to TypeScript
 * connectors) and builds the connector. Throws one CONNECTOR_SPEC_INVALID naming the first bad field
 * in the program's own snake_case terms (`spec.streams[0].primary_key`) and listing the others.
 */
export function connectorFromSpec(raw: unknown, behaviour: SpecBehaviour): { connector: AnyConnector; spec: ProgramSpec } {
  const parsed = programSpec.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error.issues.map(wireIssue));
  const issues: Issue[] = [];
  const declaration = declarationOf(parsed.data, behaviour, issues);
  if (issues.length > 0) throw invalid(issues);
  try {
    return { connector: defineConnector(declaration) as unknown as AnyConnector, spec: parsed.data };
  } catch (error) {
    if (!isPatchbayError(error) || error.code !== 'CONFIG_INVALID') throw error;
    const list = (error.details?.issues ?? []) as Issue[];
    throw invalid(list.map((i) => ({ ...i, field: camelToSnake(i.field) })));
  }
}

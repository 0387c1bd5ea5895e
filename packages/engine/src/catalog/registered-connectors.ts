import { isAbsolute } from 'node:path';
import { and, eq, isNotNull } from 'drizzle-orm';
import { describeConnector, type AnyConnector, type ConnectorDescription } from '@patchbay/sdk';
import { connectors, integrationInstances, type Db } from '@patchbay/store';
import { PatchbayError, adminRoles, isPatchbayError } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor } from '../lib/actor.ts';
import { isUniqueViolation } from '../lib/db-errors.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { PROTOCOL_VERSION, fetchSpec, processConnector, type ProcessCredentialResolver, type ProcessLimits, type ProgramCommand } from '../process/index.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import { createConnectorService, type ConnectorRow } from './connectors.ts';

export interface ProgramInput {
  readonly command: string;
  readonly args?: readonly string[];
  readonly cwd?: string;
}

export interface RegisteredConnectorOptions {
  readonly registry: ConnectorRegistry;
  readonly limits: ProcessLimits;
  readonly credentials?: ProcessCredentialResolver;
}

type Row = typeof connectors.$inferSelect;

/** What a registered program's catalogue row keeps: the description, plus the spec it was built from. */
const PROCESS_SPEC_KEY = 'processSpec';

function programOf(input: ProgramInput): ProgramCommand {
  if (input.cwd !== undefined && !isAbsolute(input.cwd)) throw new PatchbayError('VALIDATION_FAILED', { field: 'body.cwd', message: 'body.cwd: must be an absolute path' });
  return { command: input.command, args: [...(input.args ?? [])], ...(input.cwd === undefined ? {} : { cwd: input.cwd }) };
}

function assertAdmin(actor: Actor): void {
  if (!adminRoles.includes(actor.role)) {
    throw new PatchbayError('FORBIDDEN', { message: 'Registering connector programs runs code on the host: only administrators may', hint: `Roles allowed: ${adminRoles.join(', ')}.` });
  }
}

function snapshot(row: Row) {
  return { id: row.id, version: row.version, processCommand: row.processCommand, schemaDefinition: row.schemaDefinition };
}

/**
 * Connectors that are programs speaking the process protocol, registered per organisation: the engine
 * runs `spec`, checks it, stores the catalogue row (with the spec, so a restart rebuilds the connector
 * without running anything) and registers it in this process. Every change is audited.
 */
export function createRegisteredConnectorService(deps: EngineDeps, options: RegisteredConnectorOptions) {
  const { db } = deps.database;
  const catalog = createConnectorService(deps);
  const build = (program: ProgramCommand, spec: unknown) => processConnector({ program, spec }, { limits: options.limits, credentials: options.credentials });

  async function specified(program: ProgramCommand): Promise<{ connector: AnyConnector; values: Omit<typeof connectors.$inferInsert, 'id' | 'createdAt'> }> {
    const spec = await fetchSpec(program, { clock: deps.clock, log: deps.log, limits: options.limits }).catch((error: unknown) => {
      if (!(isPatchbayError(error) && error.details?.spawn_error)) throw error;
      throw new PatchbayError('VALIDATION_FAILED', { field: 'body.command', message: `body.command: ${program.command} could not be started (${String(error.details.spawn_error)})`, hint: 'Use the absolute path of the program or its interpreter, and check that the hub may execute it.' });
    });
    const connector = build(program, spec);
    const description = describeConnector(connector) as unknown as Record<string, unknown>;
    return {
      connector,
      values: {
        name: connector.name,
        vendor: connector.vendor,
        category: connector.category,
        version: connector.version,
        description: connector.description,
        keyFeatures: [...connector.features],
        icon: connector.icon,
        documentationUrl: connector.docsUrl,
        capabilities: [...connector.capabilities],
        authMethods: connector.auth.map((a) => a.type),
        schemaDefinition: { ...description, [PROCESS_SPEC_KEY]: spec, protocol: PROTOCOL_VERSION },
        isBuiltIn: false,
        author: typeof spec.author === 'string' ? spec.author : connector.vendor,
        processCommand: { ...program, args: [...program.args] },
        updatedAt: deps.clock.now(),
      },
    };
  }

  /** The organisation's own registered row, locked; built-ins and other organisations' rows are refused. */
  async function ownRow(tx: Db, actor: Actor, id: string): Promise<Row> {
    const [row] = await tx.select().from(connectors).where(eq(connectors.id, id)).for('update');
    if (row?.isBuiltIn) throw new PatchbayError('CONNECTOR_BUILT_IN', { message: `${id} is a built-in connector: it cannot be changed or deleted` });
    if (!row || row.organizationId !== actor.organizationId) throw new PatchbayError('CONNECTOR_NOT_FOUND', { message: `No registered connector with id ${id}` });
    return row;
  }

  return {
    async register(actor: Actor, input: ProgramInput): Promise<ConnectorRow> {
      assertAdmin(actor);
      const { connector, values } = await specified(programOf(input));
      if (options.registry.isBuiltIn(connector.id)) throw new PatchbayError('CONNECTOR_BUILT_IN', { field: 'spec.id', message: `${connector.id} is the id of a built-in connector`, hint: 'Give the program its own id.' });
      await db
        .transaction(async (tx) => {
          const [row] = await tx.insert(connectors).values({ ...values, id: connector.id, organizationId: actor.organizationId, createdAt: deps.clock.now() }).returning();
          await appendAudit(tx, deps.clock, actor, { action: 'connector.registered', targetType: 'connector', targetId: connector.id, after: snapshot(row!), details: { version: connector.version, command: values.processCommand } });
        })
        .catch((error: unknown) => {
          if (!isUniqueViolation(error)) throw error;
          throw new PatchbayError('ALREADY_EXISTS', { field: 'spec.id', message: `A connector with id ${connector.id} already exists`, hint: `Update it with PUT /api/integration/connectors/${connector.id}, or give the program another id.` });
        });
      options.registry.register(connector);
      return catalog.get(actor, connector.id);
    },

    /** Runs `spec` again (with a new command when given) and replaces the declaration; the id cannot change. */
    async update(actor: Actor, id: string, input: Partial<ProgramInput>): Promise<ConnectorRow> {
      assertAdmin(actor);
      const [current] = await db.select().from(connectors).where(eq(connectors.id, id));
      if (current?.isBuiltIn) throw new PatchbayError('CONNECTOR_BUILT_IN', { message: `${id} is a built-in connector: it cannot be changed or deleted` });
      if (!current?.processCommand || current.organizationId !== actor.organizationId) throw new PatchbayError('CONNECTOR_NOT_FOUND', { message: `No registered connector with id ${id}` });
      const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
      const { connector, values } = await specified(programOf({ ...current.processCommand, ...given }));
      if (connector.id !== id) throw new PatchbayError('CONNECTOR_SPEC_INVALID', { field: 'spec.id', message: `The program now declares id ${connector.id}; an update keeps the id ${id}`, hint: 'Register it as a new connector instead.' });
      await db.transaction(async (tx) => {
        const before = await ownRow(tx, actor, id);
        const [row] = await tx.update(connectors).set(values).where(eq(connectors.id, id)).returning();
        await appendAudit(tx, deps.clock, actor, { action: 'connector.updated', targetType: 'connector', targetId: id, before: snapshot(before), after: snapshot(row!), details: { from_version: before.version, to_version: row!.version, command: values.processCommand } });
      });
      options.registry.register(connector);
      return catalog.get(actor, id);
    },

    /** Deletes a registered program; refused while instances use it. */
    async remove(actor: Actor, id: string): Promise<void> {
      assertAdmin(actor);
      await db.transaction(async (tx) => {
        const before = await ownRow(tx, actor, id);
        const users = await tx.select({ id: integrationInstances.id, name: integrationInstances.name }).from(integrationInstances).where(eq(integrationInstances.connectorId, id));
        if (users.length > 0) {
          throw new PatchbayError('CONNECTOR_IN_USE', { message: `Connector ${id} is used by ${users.length} instance(s): ${users.slice(0, 5).map((u) => u.name).join(', ')}`, details: { instance_ids: users.map((u) => u.id) } });
        }
        await tx.delete(connectors).where(eq(connectors.id, id));
        await appendAudit(tx, deps.clock, actor, { action: 'connector.deleted', targetType: 'connector', targetId: id, before: snapshot(before) });
      });
      options.registry.unregister(id);
    },

    /** On start: rebuilds every registered program from its stored spec (nothing runs). A broken one is logged and skipped. */
    async loadAll(): Promise<{ loaded: string[]; failed: { id: string; message: string }[] }> {
      const rows = await db.select().from(connectors).where(and(eq(connectors.isBuiltIn, false), isNotNull(connectors.processCommand)));
      const loaded: string[] = [];
      const failed: { id: string; message: string }[] = [];
      for (const row of rows) {
        try {
          options.registry.register(build(row.processCommand!, row.schemaDefinition[PROCESS_SPEC_KEY]));
          loaded.push(row.id);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          failed.push({ id: row.id, message });
          deps.log.error({ connector: row.id, error: message }, 'a registered connector program could not be loaded; update it with PUT /api/integration/connectors/{id}');
        }
      }
      return { loaded, failed };
    },

    /** The connector's JSON description: from the definition this process runs, else the stored one. */
    async describe(actor: Actor, id: string): Promise<{ row: ConnectorRow; description: Partial<ConnectorDescription> }> {
      const row = await catalog.get(actor, id);
      const definition = options.registry.get(id);
      const { [PROCESS_SPEC_KEY]: _spec, ...stored } = row.schemaDefinition;
      return { row, description: definition ? describeConnector(definition) : (stored as Partial<ConnectorDescription>) };
    },
  };
}

export type RegisteredConnectorService = ReturnType<typeof createRegisteredConnectorService>;

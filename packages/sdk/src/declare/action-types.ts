import type { z } from 'zod';
import type { ConnectorContext } from '../context.ts';
import type { HttpRequest } from '../http/types.ts';
import type { ActionCategory, ActionImpact } from './catalogue.ts';

/** A request an action would send, shown in a dry run. */
export type PlannedRequest = Omit<HttpRequest, 'signal'>;

export interface ActionDeclaration<InputSchema extends z.ZodType, OutputSchema extends z.ZodType, Config = Record<string, unknown>> {
  /** Verb-noun kebab-case: `contain-host`, `create-ticket`. */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: InputSchema;
  readonly output: OutputSchema;
  /** true: the action changes nothing at the vendor (a lookup). */
  readonly readOnly: boolean;
  /** The action that undoes this one (`contain-host` ↔ `lift-containment`). */
  readonly reverse?: string;
  /** `high` actions need an approval before they run. */
  readonly impact: ActionImpact;
  readonly category: ActionCategory;
  /** Vendor permissions or scopes the action needs. */
  readonly permissions: readonly string[];
  /** Runs the action with validated input; the engine validates the result against `output`. */
  readonly run: (ctx: ConnectorContext<Config>, input: z.output<InputSchema>) => Promise<z.input<OutputSchema>>;
  /** The request(s) `run` would send, for dry runs. Must not send anything itself. */
  readonly plan?: (
    ctx: ConnectorContext<Config>,
    input: z.output<InputSchema>,
  ) => Promise<readonly PlannedRequest[]> | readonly PlannedRequest[];
}

export interface ActionDefinition<InputSchema extends z.ZodType, OutputSchema extends z.ZodType, Config = Record<string, unknown>>
  extends ActionDeclaration<InputSchema, OutputSchema, Config> {
  readonly kind: 'action';
}

/** Any action, whatever its schemas and config type: what a connector's list holds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAction = ActionDeclaration<z.ZodType, z.ZodType, any>;

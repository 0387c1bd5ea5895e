import type { z } from 'zod';
import { actionCategories, actionImpacts, isOneOf } from './catalogue.ts';
import type { ActionDeclaration, ActionDefinition } from './action-types.ts';
import { freezeData } from './freeze.ts';
import { DeclarationIssues } from './issues.ts';
import { checkSchema } from './json-schema.ts';
import { checkActionName, checkPermissions, checkText } from './names.ts';

/** Records every problem in one action declaration under `field` (`actions[1]`, or `action` alone). */
export function checkAction(issues: DeclarationIssues, field: string, action: ActionDeclaration<z.ZodType, z.ZodType, never>): void {
  checkActionName(issues, `${field}.name`, action.name);
  checkText(issues, `${field}.title`, action.title, 100);
  checkText(issues, `${field}.description`, action.description, 1000);
  checkSchema(issues, `${field}.input`, action.input, 'input');
  checkSchema(issues, `${field}.output`, action.output, 'output');
  if (typeof action.readOnly !== 'boolean') issues.add(`${field}.readOnly`, 'must be true or false');
  if (!isOneOf(actionImpacts, action.impact)) issues.add(`${field}.impact`, `must be one of ${actionImpacts.join(', ')}`);
  if (!isOneOf(actionCategories, action.category)) {
    issues.add(`${field}.category`, `must be one of ${actionCategories.join(', ')}`);
  }
  if (action.reverse !== undefined) {
    checkActionName(issues, `${field}.reverse`, action.reverse);
    if (action.reverse === action.name) issues.add(`${field}.reverse`, 'an action cannot be its own reverse');
    if (action.readOnly === true) issues.add(`${field}.reverse`, 'a read-only action changes nothing, so it has nothing to reverse');
  }
  checkPermissions(issues, `${field}.permissions`, action.permissions);
  if (typeof action.run !== 'function') issues.add(`${field}.run`, 'must be an async function');
  if (action.plan !== undefined && typeof action.plan !== 'function') issues.add(`${field}.plan`, 'must be a function when given');
}

/**
 * Declares an action. `run`'s input type comes from the `input` schema, its result type from
 * `output`. Throws `CONFIG_INVALID` on a bad declaration.
 */
export function defineAction<InputSchema extends z.ZodType, OutputSchema extends z.ZodType, Config = Record<string, unknown>>(
  declaration: ActionDeclaration<InputSchema, OutputSchema, Config>,
): ActionDefinition<InputSchema, OutputSchema, Config> {
  const issues = new DeclarationIssues(`action "${String(declaration.name)}"`);
  checkAction(issues, 'action', declaration as unknown as ActionDeclaration<z.ZodType, z.ZodType, never>);
  issues.throwIfAny();
  return freezeData({ ...declaration, kind: 'action' as const });
}

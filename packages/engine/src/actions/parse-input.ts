import type { AnyAction } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';

/** Parses input with the action's zod schema; errors name the field (`body.input.device_id`), never the value. */
export function parseActionInput(action: AnyAction, input: unknown, prefix = 'body.input'): Record<string, unknown> {
  const parsed = action.input.safeParse(input ?? {});
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const issue = parsed.error.issues[0]!;
  const field = [prefix, ...issue.path.map(String)].join('.');
  throw new PatchbayError('VALIDATION_FAILED', {
    field,
    message: `${field}: ${issue.message}`,
    hint: `The input schema of ${action.name} is in GET /api/integration/connectors/{id}/capabilities.`,
    details: { errors: parsed.error.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].join('.'), message: i.message })) },
  });
}

import type { z } from 'zod';
import { freezeData } from './freeze.ts';
import { DeclarationIssues } from './issues.ts';
import { checkSchema } from './json-schema.ts';
import { checkKebabName, checkPermissions, checkText } from './names.ts';
import type { StreamDeclaration, StreamDefinition } from './stream-types.ts';

const OCSF_CLASS_NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const WEEK_MINUTES = 7 * 24 * 60;

function checkOcsf(issues: DeclarationIssues, field: string, ocsf: unknown): void {
  const target = (typeof ocsf === 'object' && ocsf !== null ? ocsf : {}) as { class?: unknown; classUid?: unknown };
  if (target.class === undefined && target.classUid === undefined) {
    issues.add(field, 'names no OCSF class', 'Set class (the OCSF class name, like "detection_finding") and/or classUid (like 2004).');
  }
  if (target.class !== undefined && (typeof target.class !== 'string' || !OCSF_CLASS_NAME.test(target.class))) {
    issues.add(`${field}.class`, `${JSON.stringify(target.class)} is not an OCSF class name`, 'Use the snake_case class name, like "detection_finding".');
  }
  if (target.classUid !== undefined && !(Number.isInteger(target.classUid) && (target.classUid as number) > 0)) {
    issues.add(`${field}.classUid`, 'must be a positive integer OCSF class_uid');
  }
}

/** Records every problem in a stream declaration under `field` (`streams[2]`, or `stream` alone). */
export function checkStream(issues: DeclarationIssues, field: string, stream: StreamDeclaration<unknown, z.ZodType, never>): void {
  checkKebabName(issues, `${field}.name`, stream.name, 'stream name', 'alerts');
  if (stream.title !== undefined) checkText(issues, `${field}.title`, stream.title, 100);
  if (stream.description !== undefined) checkText(issues, `${field}.description`, stream.description, 1000);
  checkOcsf(issues, `${field}.ocsf`, stream.ocsf);
  const key: unknown = stream.primaryKey;
  if (!(typeof key === 'function' || (typeof key === 'string' && key !== ''))) {
    issues.add(`${field}.primaryKey`, 'must be a field name or a function returning the record id');
  }
  // Checkpoints are stored as JSON and parsed back: the output side must be plain JSON (no transforms).
  checkSchema(issues, `${field}.checkpoint`, stream.checkpoint, 'output');
  if (typeof stream.fullRefresh !== 'boolean') issues.add(`${field}.fullRefresh`, 'must be true or false');
  checkPermissions(issues, `${field}.permissions`, stream.permissions);
  const minutes = stream.schedule?.intervalMinutes;
  if (stream.schedule !== undefined && !(Number.isInteger(minutes) && (minutes as number) >= 1 && (minutes as number) <= WEEK_MINUTES)) {
    issues.add(`${field}.schedule.intervalMinutes`, `must be a whole number of minutes from 1 to ${WEEK_MINUTES}`);
  }
  if (typeof stream.fetch !== 'function') issues.add(`${field}.fetch`, 'must be an async generator function');
  if (typeof stream.map !== 'function') issues.add(`${field}.map`, 'must be a function mapping a raw record to OCSF');
}

/**
 * Declares a stream. The raw record type is inferred from what `fetch` yields (or from `map`'s
 * parameter), the checkpoint type from the `checkpoint` schema. Throws `CONFIG_INVALID` on a bad
 * declaration; runs no vendor code.
 */
export function defineStream<Raw, CheckpointSchema extends z.ZodType, Config = Record<string, unknown>>(
  declaration: StreamDeclaration<Raw, CheckpointSchema, Config>,
): StreamDefinition<Raw, CheckpointSchema, Config> {
  const issues = new DeclarationIssues(`stream "${String(declaration.name)}"`);
  checkStream(issues, 'stream', declaration as StreamDeclaration<unknown, z.ZodType, never>);
  issues.throwIfAny();
  return freezeData({ ...declaration, kind: 'stream' as const });
}

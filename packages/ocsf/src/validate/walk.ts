import { describeValue, pointer, type IssueSink } from './issues.ts';
import type { AttributeRule, Shape, ShapeCache } from './shape.ts';

export interface WalkContext {
  readonly shapes: ShapeCache;
  readonly sink: IssueSink;
  /** Profiles in effect for the record: attributes of other profiles are rejected. */
  readonly profiles: ReadonlySet<string>;
  readonly maxDepth: number;
}

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates one JSON object against a class or object shape: unknown attributes, each present value,
 * then missing required (error) and recommended (warning) attributes, then constraints. `null` and
 * `undefined` count as absent. Only what is present is descended into, so cyclic object definitions
 * (process.parent_process) cannot loop.
 */
export function walkObject(value: JsonRecord, shape: Shape, path: string, ctx: WalkContext, depth: number): void {
  const { sink, profiles } = ctx;
  if (!shape.open) {
    for (const key in value) {
      const item = value[key];
      if (item === undefined) continue;
      const rule = shape.rules.get(key);
      if (rule === undefined) {
        const hint = 'source data without an OCSF attribute belongs under unmapped';
        sink.error(pointer(path, key), 'unknown_attribute', `${key} is not an attribute of ${shape.name}; ${hint}`);
      } else if (item === null) {
        continue;
      } else if (rule.profile !== undefined && !profiles.has(rule.profile)) {
        const hint = `list "${rule.profile}" in metadata.profiles`;
        sink.error(pointer(path, key), 'profile_required', `${key} belongs to the ${rule.profile} profile; ${hint}`);
      } else {
        checkAttribute(value, item, rule, pointer(path, key), ctx, depth);
      }
    }
  }
  for (const rule of shape.required) {
    if (value[rule.name] == null && inEffect(rule, profiles)) {
      sink.error(pointer(path, rule.name), 'required', `${rule.name} is required in ${shape.name}`);
    }
  }
  if (sink.collectWarnings) {
    for (const rule of shape.recommended) {
      if (value[rule.name] == null && inEffect(rule, profiles)) {
        sink.warn(pointer(path, rule.name), 'recommended', `${rule.name} is recommended in ${shape.name}`);
      }
    }
  }
  if (shape.constraints) checkConstraints(value, shape, path, sink);
}

function inEffect(rule: AttributeRule, profiles: ReadonlySet<string>): boolean {
  return rule.profile === undefined || profiles.has(rule.profile);
}

function checkAttribute(
  parent: JsonRecord,
  item: unknown,
  rule: AttributeRule,
  path: string,
  ctx: WalkContext,
  depth: number,
): void {
  if (rule.deprecated) ctx.sink.warn(path, 'deprecated', `${rule.name} is deprecated: ${rule.deprecated.message}`);
  if (!rule.isArray) {
    checkValue(item, rule, path, ctx, depth);
    if (rule.sibling !== undefined) checkSibling(parent, item, rule, rule.sibling, path, ctx.sink);
  } else if (!Array.isArray(item)) {
    const expected = rule.objectType ?? rule.attribute.type;
    ctx.sink.error(path, 'type', `${rule.name}: expected an array of ${expected}, got ${describeValue(item)}`);
  } else {
    for (let index = 0; index < item.length; index++) checkValue(item[index], rule, pointer(path, index), ctx, depth);
  }
}

function checkValue(item: unknown, rule: AttributeRule, path: string, ctx: WalkContext, depth: number): void {
  const { sink } = ctx;
  if (rule.objectType !== undefined) {
    if (!isRecord(item)) {
      sink.error(path, 'type', `${rule.name}: expected an object (${rule.objectType}), got ${describeValue(item)}`);
    } else if (depth >= ctx.maxDepth) {
      sink.error(path, 'too_deep', `Objects nest deeper than ${ctx.maxDepth} levels`);
    } else {
      const shape = ctx.shapes.objectShape(rule.objectType);
      if (shape.deprecated) sink.warn(path, 'deprecated', `${shape.name} is deprecated: ${shape.deprecated.message}`);
      walkObject(item, shape, path, ctx, depth + 1);
    }
    return;
  }
  const failure = rule.scalar?.(item);
  if (failure) {
    sink.error(path, failure.code, `${rule.name}: ${failure.message}`);
  } else if (rule.enumValues) {
    const known = rule.enumValues.get(item as number | string);
    if (known === undefined) {
      const allowed = [...rule.enumValues.keys()].join(', ');
      sink.error(path, 'enum', `${rule.name}: ${describeValue(item)} is not one of ${allowed}`);
    } else if (known.deprecated) {
      sink.warn(path, 'deprecated', `${rule.name} ${String(item)} is deprecated: ${known.deprecated.message}`);
    }
  }
}

/** `severity` should carry the caption of `severity_id`; any text goes with 99 (Other). */
function checkSibling(
  parent: JsonRecord,
  item: unknown,
  rule: AttributeRule,
  sibling: string,
  path: string,
  sink: IssueSink,
): void {
  const caption = rule.enumValues?.get(item as number | string)?.caption;
  const text = parent[sibling];
  if (caption === undefined || typeof text !== 'string' || item === 99 || text === caption) return;
  const siblingPath = pointer(path.slice(0, path.lastIndexOf('/')), sibling);
  const message = `${sibling} is ${JSON.stringify(text)}, but ${rule.name} ${String(item)} is ${JSON.stringify(caption)}`;
  sink.warn(siblingPath, 'sibling_mismatch', message);
}

function checkConstraints(value: JsonRecord, shape: Shape, path: string, sink: IssueSink): void {
  const { atLeastOne, justOne } = shape.constraints ?? {};
  if (atLeastOne && !atLeastOne.some((name) => value[name] != null)) {
    sink.error(path, 'constraint', `${shape.name} needs at least one of: ${atLeastOne.join(', ')}`);
  }
  if (justOne) {
    const present = justOne.filter((name) => value[name] != null).length;
    if (present !== 1) {
      sink.error(path, 'constraint', `${shape.name} needs exactly one of: ${justOne.join(', ')} (found ${present})`);
    }
  }
}

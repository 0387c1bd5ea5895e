import { loadSchema, type LoadedSchema } from './load-schema.ts';
import type { OcsfClass } from './schema-types.ts';
import { ocsfVersion } from './version.ts';
import { describeValue, IssueSink, pointer, type OcsfValidationResult } from './validate/issues.ts';
import { ShapeCache } from './validate/shape.ts';
import { isRecord, walkObject, type JsonRecord } from './validate/walk.ts';

export interface ValidateRecordOptions {
  /** The class to validate against; by default the record's class_uid. When both are set they must agree. */
  readonly classUid?: number;
  /** Profiles to apply in addition to those the record lists in metadata.profiles. */
  readonly profiles?: readonly string[];
  /** Collect warnings (missing recommended attributes, deprecations, ...). Default true. */
  readonly warnings?: boolean;
  /** How deep objects may nest before the record is rejected (guards against cyclic input). Default 32. */
  readonly maxDepth?: number;
}

let state: { readonly schema: LoadedSchema; readonly shapes: ShapeCache } | undefined;

/**
 * Validates one OCSF record against the pinned schema. Never throws for bad input: every problem is an
 * error (or a warning) with a JSON Pointer path and a stable code. Classes and objects are compiled on
 * first use and cached for the life of the process.
 */
export function validateRecord(record: unknown, options: ValidateRecordOptions = {}): OcsfValidationResult {
  state ??= { schema: loadSchema(), shapes: new ShapeCache(loadSchema()) };
  const { schema, shapes } = state;
  const sink = new IssueSink(options.warnings !== false);
  if (!isRecord(record)) {
    sink.error('', 'type', `An OCSF record is a JSON object, got ${describeValue(record)}`);
    return sink.result();
  }
  const found = resolveClass(record, options.classUid, schema, sink);
  const shape = found && shapes.classShape(found.uid);
  if (!found || !shape) return sink.result();
  if (found.deprecated) sink.warn('', 'deprecated', `${found.name} is deprecated: ${found.deprecated.message}`);
  const profiles = activeProfiles(record, options.profiles, schema, sink);
  walkObject(record, shape, '', { shapes, sink, profiles, maxDepth: options.maxDepth ?? 32 }, 0);
  checkConsistency(record, found, sink);
  const version = isRecord(record.metadata) ? record.metadata.version : undefined;
  if (typeof version === 'string' && version !== ocsfVersion) {
    const message = `The record says OCSF ${version}; it was validated against ${ocsfVersion}`;
    sink.warn('/metadata/version', 'version_mismatch', message);
  }
  return sink.result();
}

function resolveClass(
  record: JsonRecord,
  optionUid: number | undefined,
  schema: LoadedSchema,
  sink: IssueSink,
): OcsfClass | undefined {
  const declared = record.class_uid;
  const uid = optionUid ?? declared;
  if (uid == null) {
    sink.error('/class_uid', 'required', 'class_uid is required: it names the event class to validate against');
    return undefined;
  }
  if (!Number.isInteger(uid)) {
    sink.error('/class_uid', 'type', `class_uid: expected an integer, got ${describeValue(uid)}`);
    return undefined;
  }
  const found = schema.classesByUid.get(uid as number);
  if (!found) {
    sink.error('/class_uid', 'unknown_class', `No event class has class_uid ${String(uid)} in OCSF ${ocsfVersion}`);
    return undefined;
  }
  if (optionUid !== undefined && declared != null && declared !== optionUid) {
    const message = `class_uid is ${describeValue(declared)}, but the record is validated as ${found.name} (${found.uid})`;
    sink.error('/class_uid', 'inconsistent', message);
  }
  return found;
}

/** The profiles option plus the known names in metadata.profiles; unknown names are errors. */
function activeProfiles(
  record: JsonRecord,
  extra: readonly string[] | undefined,
  schema: LoadedSchema,
  sink: IssueSink,
): ReadonlySet<string> {
  const active = new Set<string>();
  for (const name of extra ?? []) {
    if (schema.profileNames.has(name)) active.add(name);
    else sink.error('', 'unknown_profile', `The profiles option names ${JSON.stringify(name)}, not an OCSF profile`);
  }
  const declared = isRecord(record.metadata) ? record.metadata.profiles : undefined;
  if (!Array.isArray(declared)) return active;
  declared.forEach((name: unknown, index) => {
    if (typeof name !== 'string') return;
    if (schema.profileNames.has(name)) active.add(name);
    else sink.error(pointer('/metadata/profiles', index), 'unknown_profile', `${JSON.stringify(name)} is not an OCSF profile`);
  });
  return active;
}

/** category_uid must be the class's category, and type_uid must be class_uid * 100 + activity_id. */
function checkConsistency(record: JsonRecord, found: OcsfClass, sink: IssueSink): void {
  const { category_uid: categoryUid, activity_id: activityId, type_uid: typeUid } = record;
  if (Number.isInteger(categoryUid) && categoryUid !== found.categoryUid) {
    const message = `category_uid is ${String(categoryUid)}, but ${found.name} is in ${found.category} (${found.categoryUid})`;
    sink.error('/category_uid', 'inconsistent', message);
  }
  if (Number.isInteger(activityId) && Number.isInteger(typeUid)) {
    const expected = found.uid * 100 + (activityId as number);
    if (typeUid !== expected) {
      const message = `type_uid is ${String(typeUid)}, but class_uid * 100 + activity_id is ${expected}`;
      sink.error('/type_uid', 'inconsistent', message);
    }
  }
}

/** What makes a record invalid. */
export type OcsfErrorCode =
  | 'required' // a required attribute is missing (or null)
  | 'type' // wrong JSON type: a string where an integer belongs, an object where an array belongs
  | 'enum' // not one of the attribute's enum values (or the type's allowed values)
  | 'format' // a string that does not match its type's pattern (ip_t, mac_t, datetime_t, ...)
  | 'range' // a number outside its type's range (port_t, integer_t's 32 bits)
  | 'max_length' // a string longer than its type allows
  | 'unknown_attribute' // not defined for this class or object (extra data belongs under `unmapped`)
  | 'profile_required' // defined only by a profile that the record does not declare in metadata.profiles
  | 'unknown_profile' // metadata.profiles (or the profiles option) names a profile the schema lacks
  | 'unknown_class' // class_uid names no class of the pinned schema
  | 'inconsistent' // class_uid, category_uid and type_uid (class_uid * 100 + activity_id) disagree
  | 'constraint' // an at-least-one or just-one constraint of the class or object fails
  | 'too_deep'; // nesting deeper than the maxDepth option (a cyclic structure, say)

/** What is worth fixing but does not make a record invalid. */
export type OcsfWarningCode =
  | 'recommended' // a recommended attribute is missing
  | 'deprecated' // a deprecated class, attribute or enum value is used
  | 'sibling_mismatch' // an enum's caption attribute (`severity`) disagrees with its id (`severity_id`)
  | 'version_mismatch'; // metadata.version is not the pinned OCSF version

export interface OcsfIssue<Code extends string> {
  /** JSON Pointer to the offending value (`/finding_info/uid`, `/resources/0/type`); '' is the record. */
  readonly path: string;
  readonly code: Code;
  readonly message: string;
}

export type OcsfValidationError = OcsfIssue<OcsfErrorCode>;
export type OcsfValidationWarning = OcsfIssue<OcsfWarningCode>;

export type OcsfValidationResult =
  | { readonly valid: true; readonly warnings: readonly OcsfValidationWarning[] }
  | {
      readonly valid: false;
      readonly errors: readonly OcsfValidationError[];
      readonly warnings: readonly OcsfValidationWarning[];
    };

/** Collects issues during one validation. */
export class IssueSink {
  readonly errors: OcsfValidationError[] = [];
  readonly warnings: OcsfValidationWarning[] = [];
  readonly collectWarnings: boolean;

  constructor(collectWarnings: boolean) {
    this.collectWarnings = collectWarnings;
  }

  error(path: string, code: OcsfErrorCode, message: string): void {
    this.errors.push({ path, code, message });
  }

  warn(path: string, code: OcsfWarningCode, message: string): void {
    if (this.collectWarnings) this.warnings.push({ path, code, message });
  }

  result(): OcsfValidationResult {
    return this.errors.length === 0
      ? { valid: true, warnings: this.warnings }
      : { valid: false, errors: this.errors, warnings: this.warnings };
  }
}

/** Appends one JSON Pointer segment (RFC 6901 escaping of `~` and `/`). */
export function pointer(parent: string, segment: string | number): string {
  if (typeof segment === 'number' || !/[~/]/.test(segment)) return `${parent}/${segment}`;
  return `${parent}/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
  }
  return `${typeof value} ${String(value)}`;
}

import type { OcsfType } from '../schema-types.ts';
import { describeValue, type OcsfErrorCode } from './issues.ts';

export interface ScalarFailure {
  readonly code: OcsfErrorCode;
  readonly message: string;
}

/** Checks one non-object value against a data type; undefined when it passes. */
export type ScalarCheck = (value: unknown) => ScalarFailure | undefined;

const INT32: readonly [number, number] = [-(2 ** 31), 2 ** 31 - 1];
const INT64: readonly [number, number] = [-(2 ** 63), 2 ** 63];

const PRIMITIVES: Readonly<Record<string, (value: unknown) => boolean>> = {
  string_t: (v) => typeof v === 'string',
  integer_t: (v) => Number.isInteger(v),
  long_t: (v) => Number.isInteger(v) || typeof v === 'bigint',
  float_t: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean_t: (v) => typeof v === 'boolean',
  json_t: () => true,
};

/**
 * Builds the check for a data type: the JSON type of its primitive (string_t, integer_t, long_t, float_t,
 * boolean_t, json_t), then the constraints of the type and of each type it refines (regex, max_len,
 * range, values). integer_t is a signed 32-bit and long_t a signed 64-bit integer.
 */
export function compileScalarCheck(typeName: string, types: ReadonlyMap<string, OcsfType>): ScalarCheck {
  const chain: OcsfType[] = [];
  for (let type = types.get(typeName); type; type = type.base === undefined ? undefined : types.get(type.base)) {
    chain.push(type);
    if (chain.length > 10) throw new Error(`OCSF type ${typeName} has a cyclic base`);
  }
  const primitive = chain.at(-1)?.name ?? typeName;
  const isPrimitive = PRIMITIVES[primitive];
  if (!isPrimitive) throw new Error(`OCSF type ${typeName} has no known primitive type (${primitive})`);
  const expected = primitive === typeName ? typeName : `${typeName} (${primitive})`;
  const checks: ScalarCheck[] = chain.flatMap((type) => constraintChecks(type));
  const implicitRange = primitive === 'integer_t' ? INT32 : primitive === 'long_t' ? INT64 : undefined;
  if (implicitRange && !chain.some((type) => type.range)) checks.push(rangeCheck(primitive, implicitRange));

  return (value) => {
    if (!isPrimitive(value)) return { code: 'type', message: `Expected ${expected}, got ${describeValue(value)}` };
    for (const check of checks) {
      const failure = check(value);
      if (failure) return failure;
    }
    return undefined;
  };
}

function constraintChecks(type: OcsfType): ScalarCheck[] {
  const checks: ScalarCheck[] = [];
  if (type.values) checks.push(valuesCheck(type.name, type.values));
  if (type.range) checks.push(rangeCheck(type.name, type.range));
  if (type.maxLength !== undefined) checks.push(maxLengthCheck(type.name, type.maxLength));
  if (type.regex !== undefined) checks.push(regexCheck(type.name, new RegExp(type.regex)));
  return checks;
}

function valuesCheck(name: string, values: readonly unknown[]): ScalarCheck {
  const allowed = new Set(values);
  return (value) =>
    allowed.has(value) ? undefined : { code: 'enum', message: `${describeValue(value)} is not a ${name} value` };
}

function rangeCheck(name: string, [min, max]: readonly [number, number]): ScalarCheck {
  return (value) => {
    const n = typeof value === 'bigint' ? Number(value) : (value as number);
    if (n >= min && n <= max) return undefined;
    return { code: 'range', message: `${n} is outside the ${name} range ${min} to ${max}` };
  };
}

function maxLengthCheck(name: string, maxLength: number): ScalarCheck {
  return (value) => {
    const text = value as string;
    if (text.length <= maxLength) return undefined;
    const length = [...text].length;
    if (length <= maxLength) return undefined;
    return { code: 'max_length', message: `${length} characters is longer than ${name} allows (${maxLength})` };
  };
}

function regexCheck(name: string, regex: RegExp): ScalarCheck {
  return (value) =>
    regex.test(value as string) ? undefined : { code: 'format', message: `${describeValue(value)} is not a ${name}` };
}

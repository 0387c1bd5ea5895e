import { describe, expect, it } from 'vitest';
import { loadSchema } from '../load-schema.ts';
import { compileScalarCheck } from './scalar-check.ts';

const { typesByName } = loadSchema();
const codeFor = (type: string, value: unknown): string | undefined => compileScalarCheck(type, typesByName)(value)?.code;

describe('data type checks from dictionary.json types', () => {
  it.each([
    ['string_t', 'text', undefined],
    ['string_t', 5, 'type'],
    ['integer_t', 5, undefined],
    ['integer_t', 5.5, 'type'],
    ['integer_t', 2 ** 31, 'range'],
    ['long_t', 2 ** 40, undefined],
    ['long_t', '5', 'type'],
    ['float_t', 0.5, undefined],
    ['float_t', 3, undefined],
    ['float_t', Number.NaN, 'type'],
    ['boolean_t', false, undefined],
    ['boolean_t', 0, 'type'],
    ['json_t', { any: ['thing'] }, undefined],
    ['timestamp_t', 1_718_000_000_000, undefined],
    ['timestamp_t', '1718000000000', 'type'],
    ['port_t', 65535, undefined],
    ['port_t', 65536, 'range'],
    ['ip_t', '192.168.200.24', undefined],
    ['ip_t', '2001:0db8:85a3:0000:0000:8a2e:0370:7334', undefined],
    ['ip_t', '2001:db8::1', undefined],
    ['ip_t', '256.1.1.1', 'format'],
    ['ip_t', 'localhost', 'format'],
    ['mac_t', '18:36:F3:98:4F:9A', undefined],
    ['mac_t', '18:36:F3:98:4F', 'format'],
    ['email_t', 'john_doe@example.com', undefined],
    ['email_t', 'john_doe', 'format'],
    ['datetime_t', '2024-09-10T23:20:50.520Z', undefined],
    ['datetime_t', '2024-09-10 23:20:50', 'format'],
    ['uuid_t', '123e4567-e89b-12d3-a456-426614174000', undefined],
    ['uuid_t', 'not-a-uuid', 'format'],
    ['bytestring_t', 'aGVsbG8=', undefined],
    ['bytestring_t', 'a', 'format'],
    ['hostname_t', 'r2-d2.example.com', undefined],
  ])('%s %j -> %s', (type, value, code) => {
    expect(codeFor(type, value)).toBe(code);
  });

  it('checks max_len before the pattern', () => {
    expect(codeFor('ip_t', '1'.repeat(41))).toBe('max_length');
  });

  it('refuses to build a check for an unknown type', () => {
    expect(() => compileScalarCheck('nope_t', typesByName)).toThrow(/nope_t/);
  });
});

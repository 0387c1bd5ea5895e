import { expect, it } from 'vitest';
import { storableBody } from './storable-body.ts';

it('passes valid UTF-8 on as bytes, and anything a text column cannot hold as text with U+FFFD', () => {
  const plain = Buffer.from('{"name":"Zoë"}');
  expect(storableBody(plain, plain.toString('utf8'))).toBe(plain);
  const nul = Buffer.from('{"a":"x\0y"}');
  expect(storableBody(nul, nul.toString('utf8'))).toBe('{"a":"x\uFFFDy"}');
  const latin1 = Buffer.from([0x7b, 0xe9, 0x7d]);
  expect(storableBody(latin1, latin1.toString('utf8'))).toBe('{\uFFFD}');
});

import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.ts';

describe('LineSplitter', () => {
  it('joins lines split across chunks, drops CR of CRLF, and keeps the last line without a newline', () => {
    const splitter = new LineSplitter(64);
    expect(splitter.push(Buffer.from('{"a":'))).toEqual([]);
    expect(splitter.push(Buffer.from('1}\r\n{"b":2}\n{"c"'))).toEqual([
      { text: '{"a":1}', bytes: 8 },
      { text: '{"b":2}', bytes: 7 },
    ]);
    expect(splitter.end()).toEqual([{ text: '{"c"', bytes: 4 }]);
  });

  it('reports a line over the limit once, without holding it, and goes on with the next', () => {
    const splitter = new LineSplitter(8);
    expect(splitter.push(Buffer.from('0123456'))).toEqual([]);
    expect(splitter.push(Buffer.from('789abc'))).toEqual([{ overflow: 13 }]);
    expect(splitter.push(Buffer.from('defgh\nok\n'))).toEqual([{ text: 'ok', bytes: 2 }]);
  });

  it('does not cut a multi-byte character that spans two chunks', () => {
    const bytes = Buffer.from('é\n');
    const splitter = new LineSplitter(8);
    expect([...splitter.push(bytes.subarray(0, 1)), ...splitter.push(bytes.subarray(1))]).toEqual([{ text: 'é', bytes: 2 }]);
  });
});

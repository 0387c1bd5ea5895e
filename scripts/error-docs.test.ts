import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderErrorDocs } from './error-docs.ts';

describe('docs/errors.md', () => {
  it('documents every error code as the catalogue defines it (run node scripts/error-docs.ts)', () => {
    expect(readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8')).toBe(renderErrorDocs());
  });
});

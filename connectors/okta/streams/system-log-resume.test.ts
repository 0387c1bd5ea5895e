import { describe, expect, it } from 'vitest';
import { resumeAt } from './system-log.ts';

describe('system-log resumes its stored next link on the configured org URL', () => {
  it('keeps the path and query and takes the host from base_url', () => {
    const next = 'https://old.okta.com/api/v1/logs?after=1700000000000_1&limit=100&sortOrder=ASCENDING';
    expect(resumeAt(next, 'https://login.acme.com')).toBe('https://login.acme.com/api/v1/logs?after=1700000000000_1&limit=100&sortOrder=ASCENDING');
    expect(resumeAt('http://127.0.0.1:40001/api/v1/logs?after=x', 'http://127.0.0.1:40002')).toBe('http://127.0.0.1:40002/api/v1/logs?after=x');
  });

  it('leaves a link on the configured org unchanged', () => {
    const next = 'https://acme.okta.com/api/v1/logs?after=abc&limit=50';
    expect(resumeAt(next, 'https://acme.okta.com')).toBe(next);
  });
});

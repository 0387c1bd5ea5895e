import { describe, expect, it } from 'vitest';
import { recordSummary } from './record-summary.ts';

describe('recordSummary', () => {
  it('prefers a finding title, then the message, then the host or user', () => {
    expect(recordSummary({ finding_info: { title: 'Malware' }, message: 'm' })).toBe('Malware');
    expect(recordSummary({ message: 'Login failed' })).toBe('Login failed');
    expect(recordSummary({ device: { hostname: 'web-1' } })).toBe('web-1');
    expect(recordSummary({ vulnerabilities: [{ cve: { uid: 'CVE-2024-1' } }] })).toBe('CVE-2024-1');
    expect(recordSummary({})).toBe('(no title)');
  });
});

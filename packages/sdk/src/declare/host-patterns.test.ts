import { describe, expect, it } from 'vitest';
import { hostMatches, isHostPattern, resolveAllowedHosts } from './host-patterns.ts';

describe('host patterns', () => {
  it('accepts lowercase hosts and leftmost wildcards only', () => {
    for (const ok of ['api.crowdstrike.com', '*.okta.com', 'api.us-2.crowdstrike.com', '*.blob.core.windows.net']) expect(isHostPattern(ok)).toBe(true);
    for (const bad of ['*.com', 'localhost', 'API.X.COM', 'api.*.com', 'https://a.b', 'a.b:443', 'a.b/path', '10.0.0.1', '-a.b', '*okta.com', '']) {
      expect(isHostPattern(bad)).toBe(false);
    }
  });

  it('matches exact hosts and any depth of subdomain for wildcards, never the apex', () => {
    expect(hostMatches('api.crowdstrike.com', 'API.CrowdStrike.com')).toBe(true);
    expect(hostMatches('api.crowdstrike.com', 'api.crowdstrike.com.evil.test')).toBe(false);
    expect(hostMatches('*.okta.com', 'acme.okta.com')).toBe(true);
    expect(hostMatches('*.okta.com', 'a.b.okta.com')).toBe(true);
    expect(hostMatches('*.okta.com', 'okta.com')).toBe(false);
    expect(hostMatches('*.okta.com', 'evilokta.com')).toBe(false);
    expect(hostMatches('*.okta.com', 'acme.okta.com.')).toBe(true);
  });

  it('adds the hosts of config URLs named by fromConfig entries', () => {
    const allowed = ['api.acme.test', { fromConfig: 'base_url' }, { fromConfig: 'missing' }];
    expect(resolveAllowedHosts(allowed, { base_url: 'https://Jira.Example.org:8443/rest' })).toEqual(['api.acme.test', 'jira.example.org']);
    expect(resolveAllowedHosts(allowed, { base_url: 'not a url' })).toEqual(['api.acme.test']);
  });

  it('adds bare host names and addresses named by fromConfig entries (a syslog receiver)', () => {
    const allowed = [{ fromConfig: 'host' }];
    expect(resolveAllowedHosts(allowed, { host: 'Syslog.Example.org' })).toEqual(['syslog.example.org']);
    expect(resolveAllowedHosts(allowed, { host: '127.0.0.1' })).toEqual(['127.0.0.1']);
    expect(resolveAllowedHosts(allowed, { host: '::1' })).toEqual(['[::1]']);
    expect(resolveAllowedHosts(allowed, { host: 'evil.test/path' })).toEqual([]);
    expect(resolveAllowedHosts(allowed, { host: 'user@evil.test' })).toEqual([]);
  });
});

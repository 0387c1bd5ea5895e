import { describe, expect, it } from 'vitest';
import { adfToText, textToAdf } from './adf.ts';
import { formatJiraTime, jiraTimeMs } from './jira-time.ts';
import { isKnownTimeZone, jqlDateTime, jqlString, updatedSinceJql } from './jql.ts';

describe('JQL building', () => {
  it('quotes strings with backslashes and quotes escaped', () => {
    expect(jqlString('patchbay-rule:7')).toBe('"patchbay-rule:7"');
    expect(jqlString('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
  });

  it('writes an instant as yyyy-MM-dd HH:mm on the wall clock of the account\'s zone, rounded down to the minute', () => {
    const at = Date.parse('2026-05-01T23:59:59.999Z');
    expect(jqlDateTime(at, 'UTC')).toBe('2026-05-01 23:59');
    expect(jqlDateTime(at, 'Australia/Sydney')).toBe('2026-05-02 09:59');
    expect(jqlDateTime(at, 'America/Los_Angeles')).toBe('2026-05-01 16:59');
    expect(jqlDateTime(Date.parse('2026-01-15T00:00:00Z'), 'America/Los_Angeles')).toBe('2026-01-14 16:00');
    expect([isKnownTimeZone('Europe/Berlin'), isKnownTimeZone('Mars/Olympus')]).toEqual([true, false]);
  });

  it('ANDs the instance\'s JQL with the updated bound and orders by updated then key', () => {
    expect(updatedSinceJql('project = SEC OR labels = security', Date.parse('2026-05-01T10:00:30Z'), 'UTC')).toBe('(project = SEC OR labels = security) AND updated >= "2026-05-01 10:00" ORDER BY updated ASC, key ASC');
  });
});

describe('Jira times', () => {
  it('reads offsets with or without a colon, and Z; refuses a time without a zone', () => {
    expect(jiraTimeMs('2026-04-30T14:03:47.552+0200')).toBe(Date.parse('2026-04-30T12:03:47.552Z'));
    expect(jiraTimeMs('2026-04-30T14:03:47.552-05:30')).toBe(Date.parse('2026-04-30T19:33:47.552Z'));
    expect(jiraTimeMs('2026-04-30T14:03:47Z')).toBe(Date.parse('2026-04-30T14:03:47Z'));
    expect([jiraTimeMs('2026-04-30T14:03:47'), jiraTimeMs(undefined), jiraTimeMs('soon')]).toEqual([undefined, undefined, undefined]);
    expect(formatJiraTime(Date.parse('2026-05-01T00:00:00.5Z'))).toBe('2026-05-01T00:00:00.500+0000');
  });
});

describe('Atlassian Document Format', () => {
  it('writes plain text as paragraphs with hard breaks, and reads it back', () => {
    const doc = textToAdf('First line\nsecond line\n\n\nNext paragraph\r\n');
    expect(doc).toEqual({
      type: 'doc',
      version: 1,
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'First line' }, { type: 'hardBreak' }, { type: 'text', text: 'second line' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Next paragraph' }] },
      ],
    });
    expect(adfToText(doc)).toBe('First line\nsecond line\n\nNext paragraph');
    expect(textToAdf('')).toEqual({ type: 'doc', version: 1, content: [] });
  });

  it('reads headings, lists, code, mentions, emoji and links as text; plain strings as they are; anything else as nothing', () => {
    const doc = {
      type: 'doc',
      version: 1,
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Impact' }] },
        { type: 'paragraph', content: [{ type: 'mention', attrs: { id: 'abc', text: '@Mia' } }, { type: 'text', text: ' please see ' }, { type: 'inlineCard', attrs: { url: 'https://nvd.nist.gov/vuln/detail/CVE-2026-1234' } }, { type: 'emoji', attrs: { shortName: ':warning:' } }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'web-01' }] }] }, { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'web-02' }] }] }] },
        { type: 'codeBlock', attrs: { language: 'bash' }, content: [{ type: 'text', text: 'apt upgrade openssl' }] },
      ],
    };
    expect(adfToText(doc)).toBe('Impact\n\n@Mia please see https://nvd.nist.gov/vuln/detail/CVE-2026-1234:warning:\n\n- web-01\n\n- web-02\n\napt upgrade openssl');
    expect(adfToText('plain v2 text')).toBe('plain v2 text');
    expect([adfToText(null), adfToText(''), adfToText({ type: 'doc', version: 1, content: [] }), adfToText(42)]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

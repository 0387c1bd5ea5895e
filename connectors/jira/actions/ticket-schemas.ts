import { z } from 'zod';

/** An issue key (SEC-12) or numeric issue id: Jira takes either where a path says {issueIdOrKey}. */
export const issueKey = z
  .string()
  .regex(/^(?:[A-Z][A-Z0-9_]*-\d+|\d+)$/, 'must be a Jira issue key like SEC-12 (or a numeric issue id)')
  .describe('The issue key, like SEC-12 (the issues stream\'s id)');

export const ticketOutput = z.object({
  key: z.string(),
  url: z.string().describe('The issue in Jira'),
  status: z.string().describe('Jira\'s status name now'),
});

export const movedOutput = ticketOutput.extend({ moved: z.boolean().describe('false when the issue already had a status meaning the one asked for') });

export const commentInput = z.string().min(1).max(32_000).describe('Plain text, sent as Atlassian Document Format');

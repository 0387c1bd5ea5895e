/**
 * Atlassian Document Format, the rich text of API v3 descriptions and comments
 * (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/): a `doc` of block nodes
 * (paragraph, heading, bulletList, codeBlock...) holding inline nodes (text, hardBreak, mention...).
 */
export interface AdfNode {
  readonly type: string;
  readonly text?: string;
  readonly attrs?: Readonly<Record<string, unknown>>;
  readonly content?: readonly AdfNode[];
  readonly version?: number;
}

/** Plain text as an ADF document: a paragraph per blank-line-separated block, line breaks as hardBreak. */
export function textToAdf(text: string): AdfNode {
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n{2,}/).map((block) => block.replace(/^\n+|\n+$/g, '')).filter((block) => block.trim() !== '');
  return {
    type: 'doc',
    version: 1,
    content: blocks.map((block) => ({
      type: 'paragraph',
      content: block.split('\n').flatMap((line, index): AdfNode[] => [...(index > 0 ? [{ type: 'hardBreak' }] : []), ...(line === '' ? [] : [{ type: 'text', text: line }])]),
    })),
  };
}

const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'codeBlock', 'listItem', 'panel', 'rule', 'tableRow', 'mediaSingle']);

function inlineText(node: AdfNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  const attrs = node.attrs ?? {};
  if (node.type === 'mention' || node.type === 'emoji' || node.type === 'status' || node.type === 'date') {
    const label = attrs['text'] ?? attrs['shortName'] ?? attrs['timestamp'];
    return typeof label === 'string' ? label : '';
  }
  if (node.type === 'inlineCard' || node.type === 'blockCard') return typeof attrs['url'] === 'string' ? attrs['url'] : '';
  return (node.content ?? []).map(inlineText).join('');
}

function blocksOf(node: AdfNode, out: string[], prefix: string): void {
  if (node.type === 'listItem') {
    const inner: string[] = [];
    for (const child of node.content ?? []) blocksOf(child, inner, '');
    out.push(`${prefix}- ${inner.join('\n')}`);
    return;
  }
  if (BLOCKS.has(node.type)) {
    out.push(prefix + inlineText(node));
    return;
  }
  if (node.type === 'text' || node.type === 'hardBreak') {
    out.push(prefix + inlineText(node));
    return;
  }
  for (const child of node.content ?? []) blocksOf(child, out, prefix);
}

/** The readable text of an ADF document (or of a plain string, as API v2 and some webhooks send). */
export function adfToText(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (value === null || typeof value !== 'object' || typeof (value as AdfNode).type !== 'string') return undefined;
  const out: string[] = [];
  blocksOf(value as AdfNode, out, '');
  const text = out.join('\n\n').trim();
  return text === '' ? undefined : text;
}

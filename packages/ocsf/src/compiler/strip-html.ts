const ENTITIES: Readonly<Record<string, string>> = {
  '&gt;': '>',
  '&lt;': '<',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
  '&nbsp;': ' ',
  '&mdash;': '\u2014',
  '&ndash;': '\u2013',
};

/**
 * Turns the small HTML subset used in OCSF descriptions into plain text: line breaks and paragraphs
 * become newlines, list items become "- " lines, other tags are dropped, common entities are decoded.
 */
export function stripHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/?p(?:\s[^>]*)?>|<\/?ul>|<\/li>/gi, '\n')
    .replace(/<li>/gi, '\n- ')
    .replace(/<[^>]+>/g, '')
    .replace(/&[a-z]+;|&#\d+;/gi, (entity) => ENTITIES[entity.toLowerCase()] ?? entity)
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

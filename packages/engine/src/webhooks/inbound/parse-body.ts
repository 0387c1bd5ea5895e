/**
 * Parses a JSON or form body (already decoded once from UTF-8); anything else stays text. Throws on a
 * body that claims JSON but is not.
 */
export function parseBody(contentType: string | undefined, text: string): unknown {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json')) return JSON.parse(text);
  if (type.includes('application/x-www-form-urlencoded')) {
    const form = Object.fromEntries(new URLSearchParams(text));
    // GitHub's form deliveries carry the JSON in `payload`.
    return typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
  }
  if (type === '' || /^\s*[[{]/.test(text)) return JSON.parse(text);
  return text;
}

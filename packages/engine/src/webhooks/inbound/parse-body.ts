/** Parses JSON or form bodies; anything else stays text. Throws on a body that claims JSON but is not. */
export function parseBody(contentType: string | undefined, raw: Buffer): unknown {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json')) return JSON.parse(raw.toString('utf8'));
  const text = raw.toString('utf8');
  if (type.includes('application/x-www-form-urlencoded')) {
    const form = Object.fromEntries(new URLSearchParams(text));
    // GitHub's form deliveries carry the JSON in `payload`.
    return typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
  }
  if (type === '' || /^\s*[[{]/.test(text)) return JSON.parse(text);
  return text;
}

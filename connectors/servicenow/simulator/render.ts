import type { InstanceStore, Row } from './instance-store.ts';
import { REFERENCES } from './schema.ts';

export interface RenderOptions {
  /** sysparm_display_value: `false` (default) database values, `true` display values, `all` both. */
  readonly displayValue: string;
  /** sysparm_exclude_reference_link: leave out the `link` of reference fields. */
  readonly excludeReferenceLink: boolean;
  /** sysparm_fields: only these fields (unknown names are left out). */
  readonly fields: readonly string[] | undefined;
  readonly origin: string;
}

export function renderOptions(query: URLSearchParams, origin: string): RenderOptions {
  const fields = query.get('sysparm_fields');
  return {
    displayValue: (query.get('sysparm_display_value') ?? 'false').toLowerCase(),
    excludeReferenceLink: query.get('sysparm_exclude_reference_link') === 'true',
    fields: fields ? fields.split(',').map((f) => f.trim()).filter(Boolean) : undefined,
    origin,
  };
}

/**
 * A record as the Table API returns it (https://www.servicenow.com/docs/r/api-reference/rest-apis/c_TableAPI.html,
 * sysparm_display_value and sysparm_exclude_reference_link): every field a string, or with `all` an object
 * of display_value and value; a non-empty reference is an object with its link unless links are excluded.
 */
export function renderRow(store: InstanceStore, row: Row, options: RenderOptions): Record<string, unknown> {
  const names = options.fields ?? Object.keys(row);
  const out: Record<string, unknown> = {};
  for (const field of names) {
    if (!(field in row)) continue;
    const value = row[field] ?? '';
    const display = store.display(row, field);
    const referenced = REFERENCES[field];
    const link = referenced && value !== '' && !options.excludeReferenceLink ? { link: `${options.origin}/api/now/table/${referenced}/${value}` } : {};
    if (options.displayValue === 'all') out[field] = { display_value: display, value, ...link };
    else if (options.displayValue === 'true') out[field] = 'link' in link ? { display_value: display, ...link } : display;
    else out[field] = 'link' in link ? { value, ...link } : value;
  }
  return out;
}

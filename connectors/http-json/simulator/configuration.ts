import type { PagingMode } from './serve-listing.ts';

export interface ConfigurationOptions {
  readonly baseUrl: string;
  readonly mode: PagingMode;
  readonly pageSize: number;
  /** Incremental on updated_at (stream `records`), or a full refresh (stream `inventory`). */
  readonly incremental: boolean;
  readonly newestFirst: boolean;
}

const PAGINATION = {
  cursor: (size: number) => ({ type: 'cursor', page_size: size, limit_param: 'limit', cursor_param: 'cursor', next_cursor_path: 'next_cursor' }),
  link: (size: number) => ({ type: 'link', page_size: size, limit_param: 'limit' }),
  offset: (size: number) => ({ type: 'offset', page_size: size, offset_param: 'offset', limit_param: 'limit', total_path: 'total' }),
  page: (size: number) => ({ type: 'page', page_size: size, page_param: 'page', size_param: 'per_page', first_page: 1, total_pages_path: 'total_pages' }),
} as const;

/** The http-json instance configuration for the simulated API, as a user would fill it in. */
export function simulatorConfiguration(options: ConfigurationOptions): Record<string, unknown> {
  return {
    base_url: options.baseUrl,
    path: '/records',
    record_path: 'data',
    id_field: 'id',
    ...(options.incremental ? { cursor_field: 'updated_at', since_param: 'since', until_param: 'until', order: options.newestFirst ? 'descending' : 'ascending' } : {}),
    pagination: PAGINATION[options.mode](options.pageSize),
    field_map: { time: 'updated_at', severity: 'severity', message: 'summary', title: 'title' },
    product_name: 'Simulated JSON API',
    vendor_name: 'Patchbay simulator',
  };
}

/** What a query may yield: plain arrays of records, or paginator pages (anything with `items`). */
export type QueryBatch<Raw> = readonly Raw[] | { readonly items: readonly Raw[] };

export function batchItems<Raw>(batch: QueryBatch<Raw>): readonly Raw[] {
  return Array.isArray(batch) ? (batch as readonly Raw[]) : (batch as { readonly items: readonly Raw[] }).items;
}

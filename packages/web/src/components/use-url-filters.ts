import { useSearchParams } from 'react-router';

/**
 * Filters kept in the URL's query (so a filtered view can be bookmarked and shared): the params and a setter;
 * '' removes one, and `clear` names filters that no longer apply once this one changes.
 */
export function useUrlFilters(): [URLSearchParams, (key: string, value: string, clear?: readonly string[]) => void] {
  const [params, setParams] = useSearchParams();
  const set = (key: string, value: string, clear: readonly string[] = []) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    for (const other of clear) next.delete(other);
    setParams(next);
  };
  return [params, set];
}

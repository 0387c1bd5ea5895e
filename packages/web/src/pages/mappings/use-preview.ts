import { useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { Preview, PreviewInput } from './mapping-types.ts';

export interface PreviewState {
  readonly preview: Preview | undefined;
  readonly error: Error | undefined;
  /** A preview is waiting for the pause in typing, or on its way. */
  readonly running: boolean;
}

/**
 * The live preview: runs the draft on the sample through the API once typing pauses for `delay` ms; the
 * latest draft wins. No input (no sample yet): no call.
 */
export function usePreview(input: PreviewInput | null, delay = 300): PreviewState {
  const [state, setState] = useState<PreviewState>({ preview: undefined, error: undefined, running: false });
  const latest = useRef(0);
  const key = input ? JSON.stringify(input) : '';
  useEffect(() => {
    const call = ++latest.current;
    if (!input) {
      setState((s) => ({ ...s, running: false }));
      return;
    }
    setState((s) => ({ ...s, running: true }));
    const timer = setTimeout(() => {
      unwrap(api.POST('/api/integration/mappings/preview', { body: input })).then(
        (preview) => call === latest.current && setState({ preview, error: undefined, running: false }),
        (error: Error) => call === latest.current && setState((s) => ({ preview: s.preview, error, running: false })),
      );
    }, delay);
    return () => clearTimeout(timer);
    // The input is compared by value (its JSON): a re-render with the same draft does not call again.
  }, [key, delay]);
  return state;
}

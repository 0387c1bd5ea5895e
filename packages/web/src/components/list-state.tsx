import type { Loaded } from './use-load.ts';
import { ErrorBox, Loading } from './error-box.tsx';

/** What a list shows besides its items: the load's error, Loading the first time, and what it says when empty. */
export function ListState({ load, items, what, empty }: { load: Loaded<unknown>; items: readonly unknown[] | undefined; what: string; empty: string }) {
  return (
    <>
      <ErrorBox error={load.error} />
      {!load.data && !load.error && <Loading what={what} />}
      {items?.length === 0 && <p className="muted">{empty}</p>}
    </>
  );
}

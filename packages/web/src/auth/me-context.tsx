import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { api, unwrap } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { session } from './session.ts';

interface MeState {
  readonly me: Me | null;
  readonly loading: boolean;
  readonly error: Error | null;
}

const MeContext = createContext<MeState>({ me: null, loading: false, error: null });

/** The signed-in caller as the API describes it (GET /api/auth/me): role and what it may do. */
export function MeProvider({ children }: { children: ReactNode }) {
  const token = useSyncExternalStore(session.subscribe, session.token);
  const [state, setState] = useState<MeState>({ me: null, loading: token !== null, error: null });
  useEffect(() => {
    if (!token) {
      setState({ me: null, loading: false, error: null });
      return;
    }
    let live = true;
    setState({ me: null, loading: true, error: null });
    unwrap(api.GET('/api/auth/me'))
      .then((me) => live && setState({ me, loading: false, error: null }))
      .catch((error: Error) => live && setState({ me: null, loading: false, error }));
    return () => {
      live = false;
    };
  }, [token]);
  return <MeContext.Provider value={state}>{children}</MeContext.Provider>;
}

export const useMe = () => useContext(MeContext);

/** Whether the caller may change things (admin, editor): viewers and auditors see no edit controls. */
export const useCanWrite = () => useContext(MeContext).me?.can.write === true;
export const useIsAdmin = () => useContext(MeContext).me?.can.admin === true;

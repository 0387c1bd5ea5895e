import { useEffect, useState } from 'react';
import { api, unwrap } from '../api/client.ts';

let asked: Promise<boolean> | null = null;

/** Whether the hub runs in demo mode (`GET /api/system/info`, public): asked once per page load. */
function askDemoMode(): Promise<boolean> {
  asked ??= unwrap(api.GET('/api/system/info')).then((info) => info.demo);
  return asked;
}

/** True once the API has said the hub runs in demo mode (`patchbay serve --demo`). */
export function useDemoMode(): boolean {
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    let live = true;
    askDemoMode().then(
      (answer) => live && setDemo(answer),
      () => undefined, // the screens show the API's errors themselves
    );
    return () => {
      live = false;
    };
  }, []);
  return demo;
}

/** Demo mode says so on every screen, the sign-in included: the data comes from local simulators. */
export function DemoBanner() {
  if (!useDemoMode()) return null;
  return (
    <div className="demo-banner" role="status" aria-label="Demo mode">
      <strong>Demo mode:</strong> sample data from local vendor simulators, not real systems
    </div>
  );
}

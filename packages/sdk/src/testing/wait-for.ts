/**
 * Polls `condition` on the event loop until it holds: for a test that must let the code under test
 * reach a point (a request received, a ManualClock sleeper waiting) before acting. Fails after
 * `timeoutMs` of real time (default 2 s), which a passing test never reaches.
 */
export async function waitFor(condition: () => boolean, { timeoutMs = 2_000 }: { readonly timeoutMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waitFor: condition still false after ${timeoutMs} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

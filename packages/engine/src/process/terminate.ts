import type { ChildProcess } from 'node:child_process';

/** How long to wait for the exit after SIGKILL before giving up on it (a zombie is the kernel's business). */
const AFTER_KILL_MS = 2_000;

function within(done: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void done.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Signals the program's whole process group (it was started detached, as its leader), so children go too. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // Already gone.
  }
}

/**
 * Stops a program: SIGTERM, then SIGKILL when it has not exited after `graceMs`. Real time on purpose:
 * this is about an operating-system process, not the engine's (possibly manual) clock.
 */
export async function terminate(child: ChildProcess, exited: Promise<void>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  signalGroup(child, 'SIGTERM');
  if (await within(exited, graceMs)) return;
  signalGroup(child, 'SIGKILL');
  await within(exited, AFTER_KILL_MS);
}

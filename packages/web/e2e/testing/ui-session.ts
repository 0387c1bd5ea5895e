import { createServer } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserUnavailable, consoleErrors, launch, unlabelledControls } from './browser.ts';
import { startE2eHub, type E2eHub } from './e2e-hub.ts';
import { ensureUi } from './ensure-ui.ts';

/** Why this machine cannot run the browser tests (they are skipped locally, saying so; CI must run them). */
export const unavailable = browserUnavailable();
if (unavailable && !process.env.CI) console.warn(`Skipping the web UI's browser tests: ${unavailable}`);
export const skipBrowser = unavailable !== null && !process.env.CI;

export interface UiSession {
  readonly hub: E2eHub;
  readonly page: Page;
  /** Every console error and uncaught exception so far; a test removes the ones it expects with `expectConsoleError`. */
  readonly errors: string[];
  go(path: string): Promise<void>;
  /** The screen's h1. */
  heading(name: string | RegExp): ReturnType<Page['getByRole']>;
  /** Fails on any form control without a label on the current screen. */
  expectLabelled(): Promise<void>;
  /** Signs in through the sign-in screen with a role's token. */
  signIn(role: keyof E2eHub['tokens']): Promise<void>;
  /** Waits for one console error the browser logs on its own (a refused call the screen shows) and removes it. */
  expectConsoleError(pattern: RegExp): Promise<void>;
}

/** Retries an expectation while the page catches up (generous: CI machines are busy). */
export const poll = <T>(read: () => T | Promise<T>, timeout = 15_000) => expect.poll(read, { timeout, interval: 100 });

/**
 * One browser page against one real hub for a test file: the hub starts before the file's tests (then `setup`
 * prepares what they need through the API), the browser after; both stop after them. Read the returned object's
 * fields inside tests, not at import.
 */
export function uiSession(setup: (hub: E2eHub) => Promise<void> = async () => {}): UiSession {
  let hub: E2eHub;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    if (unavailable) throw new Error(unavailable); // only reached in CI, where the browser must be there
    hub = await startE2eHub(await ensureUi());
    await setup(hub);
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    errors = consoleErrors(page);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await hub?.close();
  });

  const session: UiSession = {
    get hub() {
      return hub;
    },
    get page() {
      return page;
    },
    get errors() {
      return errors;
    },
    go: async (path) => {
      await page.goto(`${hub.url}${path}`);
    },
    heading: (name) => page.getByRole('heading', { name, level: 1 }),
    expectLabelled: async () => expect(await unlabelledControls(page)).toEqual([]),
    async signIn(role) {
      await session.go('/integrations');
      await page.getByLabel('API token').fill(hub.tokens[role]);
      await page.keyboard.press('Enter');
      await session.heading('Integration catalogue').waitFor();
    },
    async expectConsoleError(pattern) {
      await poll(() => errors.filter((e) => pattern.test(e)).length).toBe(1);
      errors.splice(
        errors.findIndex((e) => pattern.test(e)),
        1,
      );
    },
  };
  return session;
}

/** A loopback port nobody listens on (a receiver that is down). */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

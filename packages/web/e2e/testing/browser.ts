import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(new URL('../../../..', import.meta.url).pathname, 'test-output', 'screenshots');

/**
 * Why the browser tests cannot run here, or null when they can. Without Debian's chromium they are
 * skipped locally (saying so) but fail in CI, where `.ci/run` installs it.
 */
export function browserUnavailable(): string | null {
  if (existsSync(CHROMIUM)) return null;
  return `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser tests`;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] });
}

/** Every console error and uncaught exception of a page, to fail the test on. */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return errors;
}

/** Saves a full-page screenshot as test-output/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Form controls on the page without an accessible label (a <label>, aria-label or aria-labelledby). The
 * check runs in the page, written as a string: this file is type-checked for Node, without the DOM.
 */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return (await page.evaluate(`[...document.querySelectorAll('input, select, textarea')]
    .filter((el) => el.type !== 'hidden')
    .filter((el) => !((el.labels && el.labels.length > 0) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
    .map((el) => el.outerHTML.slice(0, 160))`)) as string[];
}

/** What the page's focused element is: its id and text. */
export async function focused(page: Page): Promise<{ id: string; text: string }> {
  return (await page.evaluate(`({ id: document.activeElement?.id ?? '', text: document.activeElement?.textContent ?? '' })`)) as { id: string; text: string };
}

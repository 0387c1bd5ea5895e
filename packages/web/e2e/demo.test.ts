import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { consoleErrors, launch, screenshot, unlabelledControls } from './testing/browser.ts';
import { ensureUi } from './testing/ensure-ui.ts';
import { poll, skipBrowser, unavailable } from './testing/ui-session.ts';

const BIN = fileURLToPath(new URL('../../cli/bin/patchbay.js', import.meta.url));
const BANNER = 'Demo mode: sample data from local vendor simulators, not real systems';

/**
 * `patchbay serve --demo` as a user starts it (a real process on its own data folder, its simulators inside),
 * in a real browser: the banner on every screen from the sign-in on, and the simulators' records, synced
 * through the ordinary instances the demo installed. Any console error fails.
 */
describe.skipIf(skipBrowser)('demo mode in a browser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'patchbay-demo-ui-'));
  let hub: ChildProcess | undefined;
  let url = '';
  let token = '';
  let browser: Browser | undefined;
  let page: Page;
  let errors: string[];

  const api = async (path: string) => (await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<{ items: unknown[] }>;
  const banner = () => page.getByRole('status', { name: 'Demo mode' });
  const go = async (path: string, heading: string) => {
    await page.goto(`${url}${path}`);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await poll(() => banner().textContent()).toBe(BANNER);
    expect(await banner().isVisible()).toBe(true);
  };

  beforeAll(async () => {
    if (unavailable) throw new Error(unavailable); // only reached in CI, where the browser must be there
    const uiDir = await ensureUi();
    const child = spawn(process.execPath, [BIN, 'serve', '--demo', '--port', '0', '--data-dir', dir, '--ui-dir', uiDir], { env: { ...process.env, PATCHBAY_LOG_LEVEL: 'warn', DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    hub = child;
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (err += d));
    const deadline = Date.now() + 40_000;
    while (!/running at (http:\/\/\S+)/.test(out)) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`patchbay serve --demo did not start: ${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    url = /running at (http:\/\/\S+)/.exec(out)![1]!;
    token = readFileSync(join(dir, 'initial-admin-token'), 'utf8').trim();
    expect(out).toContain('Demo mode: sample data from local vendor simulators, not real systems');
    // The first syncs run on the hub's workers: wait until the simulators' vulnerabilities and identities are in.
    for (const kind of ['vulnerabilities', 'identities']) {
      for (const until = Date.now() + 30_000; (await api(`/api/${kind}?limit=1`)).items.length === 0; await new Promise((r) => setTimeout(r, 200))) {
        if (Date.now() > until) throw new Error(`The demo's first syncs brought no ${kind} in 30 s`);
      }
    }
    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    errors = consoleErrors(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (hub && hub.exitCode === null) {
      const exited = new Promise((resolve) => hub!.once('exit', resolve));
      hub.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('says so on the sign-in screen, and where the demo keeps its token (not the token)', async () => {
    await page.goto(`${url}/integrations`);
    await poll(() => banner().textContent()).toBe(BANNER);
    expect(await page.getByText(/data-demo\//).isVisible()).toBe(true);
    expect(await page.content()).not.toContain(token);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'demo-01-sign-in');
    await page.getByLabel('API token').fill(token);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Integration catalogue', level: 1 }).waitFor();
    expect(page.url()).not.toContain(token);
  });

  it('keeps the banner on the catalogue and My integrations, where the demo integrations are active', { timeout: 60_000 }, async () => {
    await go('/integrations', 'Integration catalogue');
    await screenshot(page, 'demo-02-catalogue');
    await go('/integrations/installed', 'My integrations');
    for (const name of ['Tenable VM (demo)', 'AWS Security Hub (demo)', 'Okta (demo)', 'Jira (demo)', 'JSON API (demo)']) {
      const card = page.getByRole('listitem', { name: new RegExp(name.replace(/[()]/g, '\\$&')) });
      await poll(() => card.textContent()).toMatch(/Active/);
    }
    await screenshot(page, 'demo-03-my-integrations');
  });

  it('lists the records the simulators served, with their provenance, under the banner', { timeout: 60_000 }, async () => {
    await go('/records', 'Records');
    await poll(() => page.locator('table.records tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'demo-04-records');
    const sources: Record<string, RegExp> = { Vulnerabilities: /Tenable VM \(demo\) \(tenable-vm [\d.]+\), stream vulnerabilities/, Identities: /Okta \(demo\) \(okta [\d.]+\), stream (users|groups|group-memberships)/ };
    for (const [kind, source] of Object.entries(sources)) {
      await page.getByRole('button', { name: kind, exact: true }).click();
      await poll(async () => source.test((await page.locator('table.records tbody tr').first().textContent()) ?? '')).toBe(true);
      expect(await banner().isVisible()).toBe(true);
    }
    await screenshot(page, 'demo-05-identities');
    expect(errors).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { systemClock } from '@patchbay/types';
import type { SimulatorHandle } from '@patchbay/conformance';
import { startHttpJsonSimulator } from '../../../connectors/http-json/simulator/index.ts';
import { browserUnavailable, consoleErrors, launch, screenshot, unlabelledControls } from './testing/browser.ts';
import { startE2eHub, type E2eHub } from './testing/e2e-hub.ts';
import { ensureUi } from './testing/ensure-ui.ts';

const unavailable = browserUnavailable();
if (unavailable && !process.env.CI) console.warn(`Skipping the mapping designer's browser test: ${unavailable}`);

interface Mapping {
  id: string;
  version: number;
  active: boolean;
  field_mappings: Record<string, string>;
}

/**
 * The data mapping designer in a real browser against a real hub: an http-json instance synced from its
 * simulator (the hub keeps no raw payloads, and says so), a live sample fetched from the simulator
 * (stored nowhere), an override previewed live, inline errors for a bad expression
 * and an unknown target, two saved versions, and a viewer's read-only view. Screens go to
 * test-output/screenshots/mapping-*.png; any console error fails.
 */
describe.skipIf(unavailable !== null && !process.env.CI)('the data mapping designer in a browser', () => {
  let hub: E2eHub;
  let jsonApi: SimulatorHandle;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let instanceId: string;
  let mappingId: string;

  const poll = <T,>(read: () => T | Promise<T>, timeout = 15_000) => expect.poll(read, { timeout, interval: 100 });
  const heading = (name: string | RegExp) => page.getByRole('heading', { name, level: 1 });
  const rowIssues = (n: number) => page.locator('.field-rows ol > li').nth(n).locator('.row-issues');
  const changedFields = () => page.locator('table.changes tbody tr').allTextContents();
  /** The expression of the row that targets `target` (rows come back in the API's key order after a save). */
  const expressionOf = async (target: string) => {
    const count = await page.locator('.field-rows ol > li').count();
    for (let n = 1; n <= count; n++) if ((await page.getByLabel(`Target ${n}`).inputValue()) === target) return page.getByLabel(`Expression ${n}`);
    throw new Error(`No row targets ${target}`);
  };

  beforeAll(async () => {
    if (unavailable) throw new Error(unavailable); // only reached in CI, where the browser must be there
    hub = await startE2eHub(await ensureUi());
    jsonApi = await startHttpJsonSimulator({ clock: systemClock, pageSize: 5 });
    jsonApi.seed('records', { count: 6 });
    const credential = await hub.call<{ id: string }>('admin', 'POST', '/api/integration/auth-configs', { name: 'json api', auth_type: jsonApi.vaultCredentials!.authType, credentials: jsonApi.vaultCredentials!.credentials });
    const instance = await hub.call<{ id: string }>('admin', 'POST', '/api/integration/instances', { name: 'Internal API', connector_id: 'http-json', configuration: jsonApi.configuration, allow_private_network: true, auth_config_id: credential.id });
    instanceId = instance.id;
    await hub.call('admin', 'POST', `/api/integration/instances/${instanceId}/activate`);
    await hub.call('admin', 'POST', `/api/integration/instances/${instanceId}/sync`, { stream: 'records' });
    for (let waited = 0; ; waited += 200) {
      const executions = await hub.call<{ items: { status: string }[] }>('admin', 'GET', `/api/integration/sync-executions?instance_id=${instanceId}`);
      if (executions.items.some((e) => e.status === 'completed')) break;
      if (waited > 30_000) throw new Error(`The first sync did not complete: ${JSON.stringify(executions.items)}`);
      await new Promise((r) => setTimeout(r, 200));
    }

    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    page = await context.newPage();
    errors = consoleErrors(page);
    await page.goto(`${hub.url}/integrations`);
    await page.getByLabel('API token').fill(hub.tokens.admin);
    await page.keyboard.press('Enter');
    await heading('Integration catalogue').waitFor();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await hub?.close();
    await jsonApi?.close();
  });

  it('lists data mappings and opens the designer on a stream; without kept raw payloads it says so', { timeout: 60_000 }, async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data mappings' }).click();
    await heading('Data mappings').waitFor();
    await poll(() => page.getByText('No data mappings yet').isVisible()).toBe(true);
    await page.getByLabel('Integration').selectOption({ label: 'Internal API (http-json)' });
    await poll(() => page.locator('#new-mapping-stream option').count()).toBeGreaterThan(1);
    await page.getByLabel('Stream').selectOption('records');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'mapping-01-list');
    await page.getByRole('button', { name: 'New mapping' }).click();
    await heading('New data mapping').waitFor();
    expect(page.url()).toContain(`instance=${instanceId}`);
    // The schema explorer shows the stream's class (http-json records are base events).
    await page.getByRole('heading', { name: 'OCSF schema' }).waitFor();
    await poll(() => page.locator('.schema-explorer .attribute').count()).toBeGreaterThan(10);

    // The API's sync keeps no raw payloads: the samples route says so and the designer asks for a pasted record.
    await page.getByRole('button', { name: 'Load recent records' }).click();
    await poll(() => page.getByRole('status').filter({ hasText: 'keeps no raw payload' }).isVisible()).toBe(true);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'mapping-02-no-kept-samples');
    expect(errors).toEqual([]);
  });

  it('fetches a live sample from the vendor, previews an override live, and shows inline errors on the row they belong to', { timeout: 90_000 }, async () => {
    // The stream's first page (5 of the simulator's 6 records), read as a sync would and stored nowhere.
    const requests = jsonApi.requests.length;
    const executions = async () => (await hub.call<{ items: unknown[] }>('admin', 'GET', `/api/integration/sync-executions?instance_id=${instanceId}`)).items.length;
    const runs = await executions();
    await page.getByRole('button', { name: 'Fetch live sample' }).click();
    await poll(() => page.getByRole('status').filter({ hasText: /^5 records from the vendor in \d+ ms$/ }).isVisible()).toBe(true);
    await poll(() => page.getByLabel('Sample', { exact: true }).locator('option').allTextContents()).toEqual(jsonApi.records('records').slice(0, 5).map((r) => `${(r as { id: string }).id} · live`));
    expect(JSON.parse(await page.getByLabel('Raw vendor record (JSON)').inputValue())).toEqual(jsonApi.records('records')[0]);
    expect(jsonApi.requests.slice(requests).map((r) => [r.path, r.status])).toEqual([['/records', 200]]);
    expect(await executions()).toBe(runs);
    const logs = await hub.call<{ items: { level: string; message: string }[] }>('viewer', 'GET', `/api/integration/logs?instance_id=${instanceId}&operation=sample`);
    expect(logs.items).toEqual([expect.objectContaining({ level: 'success', message: expect.stringMatching(/^Live sample of stream records: 5 record\(s\) in \d+ ms$/) })]);
    await poll(() => page.locator('.preview-panel .verdict').textContent()).toMatch(/A sync would store this record/);
    expect(await changedFields()).toEqual([]);
    await screenshot(page, 'mapping-03-live-sample');

    // From the schema explorer: severity_id as a target, its expression focused.
    await page.getByLabel('Search attributes').fill('severity');
    await page.getByRole('button', { name: 'Add severity_id as a target' }).click();
    expect(await page.getByLabel('Target 1').inputValue()).toBe('severity_id');
    await page.keyboard.type('5');
    await poll(() => changedFields()).toContainEqual(expect.stringMatching(/^severity_id.*5$/));
    await poll(() => page.getByRole('list', { name: 'Mapped OCSF output' }).locator('li.changed').allTextContents()).toContain('severity_id = 5');
    await screenshot(page, 'mapping-04-override-previewed');

    // A second row with an unknown target and an expression that does not parse: both said on that row.
    await page.getByRole('button', { name: '+ Add a field' }).click();
    await page.getByLabel('Target 2').fill('mesage');
    await page.getByLabel('Expression 2').fill('$uppercase(raw.record.title');
    await poll(() => rowIssues(1).textContent()).toMatch(/no attribute "mesage" \(did you mean message/);
    await poll(() => rowIssues(1).textContent()).toMatch(/position \d+/);
    expect(await page.getByLabel('Expression 2').getAttribute('aria-invalid')).toBe('true');
    // The rest of the draft still previews.
    expect(await changedFields()).toContainEqual(expect.stringMatching(/^severity_id/));
    expect(await rowIssues(0).count()).toBe(0);
    await screenshot(page, 'mapping-05-inline-errors');

    await page.getByLabel('Target 2').fill('message');
    await page.getByLabel('Expression 2').fill('$uppercase(raw.record.title)');
    await poll(() => rowIssues(1).count()).toBe(0);
    await poll(() => changedFields()).toContainEqual(expect.stringMatching(/^message.*"RECORD \d+"$/));
    expect(await unlabelledControls(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('saves the mapping, then a second version, and shows the versions', { timeout: 60_000 }, async () => {
    await page.getByRole('button', { name: 'Create the mapping' }).click();
    await heading('Internal API: records').waitFor();
    await poll(() => page.locator('.versions li').allTextContents()).toEqual([expect.stringMatching(/^v1 current · 2 field\(s\)/)]);
    mappingId = page.url().split('/mappings/')[1]!;
    expect(await hub.call<Mapping>('viewer', 'GET', `/api/integration/mappings/${mappingId}`)).toMatchObject({ version: 1, active: true, field_mappings: { severity_id: '5', message: '$uppercase(raw.record.title)' } });
    await screenshot(page, 'mapping-06-saved');

    await (await expressionOf('severity_id')).fill('ocsf.severity_id + 1');
    await page.getByRole('button', { name: 'Save a new version' }).click();
    await poll(() => page.locator('.versions li').allTextContents()).toEqual([expect.stringMatching(/^v2 current/), expect.stringMatching(/^v1 ·/)]);
    expect(await page.getByText('No unsaved changes.').isVisible()).toBe(true);
    expect((await hub.call<Mapping>('viewer', 'GET', `/api/integration/mappings/${mappingId}`)).field_mappings.severity_id).toBe('ocsf.severity_id + 1');
    await screenshot(page, 'mapping-07-second-version');

    await page.getByRole('link', { name: '← Data mappings' }).click();
    await poll(() => page.locator('table tbody tr').first().textContent()).toMatch(/Internal API: records.*Internal API.*records.*2.*active.*v2/);
    expect(errors).toEqual([]);
  });

  it("shows a viewer the mapping read-only, the preview still working", { timeout: 60_000 }, async () => {
    await page.evaluate((token) => sessionStorage.setItem('patchbay.token', token), hub.tokens.viewer);
    await page.goto(`${hub.url}/mappings/${mappingId}`);
    await heading('Internal API: records').waitFor();
    await page.getByLabel('Expression 2').waitFor();
    const severity = await expressionOf('severity_id');
    expect(await severity.inputValue()).toBe('ocsf.severity_id + 1');
    expect(await severity.getAttribute('readonly')).not.toBeNull();
    for (const control of [page.getByRole('button', { name: /Save|Create/ }), page.getByRole('button', { name: /^Remove/ }), page.getByRole('button', { name: /as a target$/ }), page.getByLabel('Mapping name'), page.getByRole('button', { name: 'Fetch live sample' })]) {
      expect(await control.count()).toBe(0);
    }
    // A viewer may still load what the hub keeps; calling the vendor with the stored credentials needs an editor.
    expect(await page.getByRole('button', { name: 'Load recent records' }).count()).toBe(1);
    await page.getByLabel('Raw vendor record (JSON)').fill(JSON.stringify(jsonApi.records('records')[0]));
    await poll(() => changedFields()).toContainEqual(expect.stringMatching(/^message/));
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'mapping-08-viewer-read-only');
    expect(errors).toEqual([]);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '@patchbay/types';
import type { SimulatorHandle } from '@patchbay/conformance';
import { startHttpJsonSimulator } from '../../../connectors/http-json/simulator/index.ts';
import { startCrowdStrikeSimulator, type CrowdStrikeSimulatorHandle } from '../../../connectors/crowdstrike-falcon/simulator/index.ts';
import { focused, screenshot } from './testing/browser.ts';
import { installInstance } from './testing/install.ts';
import { poll, skipBrowser, uiSession } from './testing/ui-session.ts';

let jsonApi: SimulatorHandle;
let falcon: CrowdStrikeSimulatorHandle;

/**
 * The marketplace in a real browser (Debian's chromium through playwright-core) against a real hub on
 * 127.0.0.1: signing in, the catalogue, a connector's page, installing http-json through the wizard against
 * its simulator, the first sync's records, logs, reconfiguring, disabling, a review, and a viewer's read-only
 * screens. Every screen is saved under test-output/screenshots/; any console error fails.
 */
describe.skipIf(skipBrowser)('the marketplace in a browser', () => {
  const ui = uiSession(async (hub) => {
    jsonApi = await startHttpJsonSimulator({ clock: systemClock, pageSize: 5 });
    jsonApi.seed('records', { count: 12 });
    falcon = await startCrowdStrikeSimulator({ clock: systemClock, pageSize: 5 });
    // An installed Falcon (for the "installed" filter) and the editor's review of http-json (top rated, helpful votes).
    await installInstance(hub, { name: 'Falcon EU', connectorId: 'crowdstrike-falcon', simulator: falcon, credentialName: 'falcon' });
    await hub.call('editor', 'POST', '/api/integration/connectors/http-json/reviews', { rating: 5, title: 'Covers our odd internal API', body: 'Cursor paging and a field map were all it took.' });
  });
  afterAll(async () => {
    await jsonApi?.close();
    await falcon?.close();
  });

  it('signs in with an API token (a wrong one is refused with a clear message), keyboard first', async () => {
    await ui.go('/integrations');
    await poll(() => ui.page.getByLabel('API token').isVisible()).toBe(true);
    await ui.expectLabelled();
    await screenshot(ui.page, '01-sign-in');
    await ui.page.getByLabel('API token').fill('pbt_not-a-real-token-at-all-000000000000000000');
    await ui.page.keyboard.press('Enter');
    await poll(() => ui.page.getByRole('alert').textContent()).toMatch(/token/i);
    // The browser itself logs the refused check (a 401 from /api/auth/me): the one console error expected here.
    await ui.expectConsoleError(/401.*\/api\/auth\/me/);
    await ui.page.getByLabel('API token').fill(ui.hub.tokens.admin);
    await ui.page.keyboard.press('Enter');
    await ui.heading('Integration catalogue').waitFor();
    // The skip link is the first stop of the keyboard and lands on the content.
    await ui.page.keyboard.press('Tab');
    expect((await focused(ui.page)).text).toBe('Skip to content');
    await ui.page.keyboard.press('Enter');
    expect((await focused(ui.page)).id).toBe('main');
    expect(await ui.page.evaluate(() => sessionStorage.getItem('patchbay.token'))).toBe(ui.hub.tokens.admin);
  });


  it('browses the catalogue: featured collections, top rated, categories with counts, search and filters', { timeout: 60_000 }, async () => {
    await ui.go('/integrations');
    await ui.page.getByRole('heading', { name: 'Featured collections' }).waitFor();
    await poll(() => ui.page.locator('.collection').count()).toBeGreaterThan(3);
    expect(await ui.page.getByRole('heading', { name: 'Top rated' }).isVisible()).toBe(true);
    await poll(() => ui.page.locator('.top-rated li').first().textContent()).toMatch(/HTTP JSON.*5\.0/);
    const catalogue = await ui.hub.call<{ items: { name: string; category: string }[] }>('viewer', 'GET', '/api/integration/connectors?limit=200');
    await poll(() => ui.page.locator('.connector-card').count()).toBe(catalogue.items.length);
    await ui.expectLabelled();
    await screenshot(ui.page, '02-catalogue');

    await ui.page.getByRole('button', { name: /^Cloud security \(2\)$/ }).click();
    await poll(() => ui.page.locator('.connector-card h3').allTextContents()).toEqual(['AWS GuardDuty', 'AWS Security Hub']);
    await ui.page.getByRole('button', { name: /^All \(/ }).click();
    // The search below must start from the whole catalogue (the URL after "All"), not the category's.
    await poll(() => ui.page.locator('.connector-card').count()).toBe(catalogue.items.length);
    await ui.page.getByLabel('Search integrations').fill('http json');
    await ui.page.keyboard.press('Enter');
    await poll(() => ui.page.locator('.connector-card h3').allTextContents()).toEqual(['HTTP JSON']);
    expect(ui.page.url()).toContain('q=http+json');
    await ui.page.getByRole('button', { name: 'Clear filters' }).click();
    await ui.page.getByLabel('Authentication').selectOption('oauth2_client_credentials');
    await poll(async () => (await ui.page.locator('.connector-card h3').allTextContents()).includes('CrowdStrike Falcon')).toBe(true);
    await ui.page.getByLabel('Installed').selectOption('true');
    await poll(() => ui.page.locator('.connector-card h3').allTextContents()).toEqual(['CrowdStrike Falcon']);
    await screenshot(ui.page, '03-catalogue-filtered');
  });


  it('shows an integration: overview, features, what you get, requirements and permissions, changelog, reviews', async () => {
    await ui.go('/integrations/http-json');
    await ui.heading('HTTP JSON').waitFor();
    for (const section of ['Overview', 'Key features', 'What you get in Patchbay', 'Configuration requirements', 'Version and changelog', /^Reviews/]) {
      expect(await ui.page.getByRole('heading', { name: section, level: 2 }).isVisible(), String(section)).toBe(true);
    }
    expect(await ui.page.getByText('Cursor, offset, page-number and Link-header pagination').isVisible()).toBe(true);
    expect(await ui.page.getByRole('heading', { name: '1.0.0', level: 3 }).isVisible()).toBe(true);
    expect(await ui.page.getByText('Covers our odd internal API').isVisible()).toBe(true);
    await ui.expectLabelled();
    await screenshot(ui.page, '04-detail');
  });


  it('installs http-json through the wizard against its simulator and shows the first sync and its records', { timeout: 90_000 }, async () => {
    await ui.go('/integrations/http-json');
    await ui.page.getByRole('link', { name: 'Configure & install' }).click();
    await ui.heading(/Configure HTTP JSON/).waitFor();
    await ui.page.getByLabel('Name of this integration').fill('Simulated JSON API');
    await screenshot(ui.page, '05-wizard-1-choose');
    await ui.page.getByRole('button', { name: /Next: credentials/ }).click();

    // Step 2: the form generated from the connector's schemas.
    const config = jsonApi.configuration as Record<string, unknown>;
    const field = (name: string) => ui.page.locator(`#wizard_configuration_${name}`);
    await field('base_url').fill(String(config.base_url));
    await field('path').fill('/records');
    await field('record_path').fill('data');
    await field('cursor_field').fill('updated_at');
    await field('since_param').fill('since');
    await field('until_param').fill('until');
    await ui.page.getByLabel('pagination: kind').selectOption({ label: 'cursor: Opaque next-page token in the response body' });
    await ui.page.locator('#wizard_configuration_pagination_page_size').fill('5');
    await ui.page.getByRole('radio', { name: 'Bearer token' }).check();
    const token = ui.page.locator('#wizard_credentials_token');
    expect(await token.getAttribute('type')).toBe('password');
    await token.fill('simulator-token');
    await ui.page.getByText('Advanced options (admins)').click();
    await ui.page.getByLabel(/Allow private network addresses/).check();
    await ui.expectLabelled();
    await screenshot(ui.page, '06-wizard-2-credentials');
    await ui.page.getByRole('button', { name: /Next: data mapping/ }).click();

    await ui.page.getByRole('heading', { name: '3. Data mapping' }).waitFor();
    expect(await ui.page.getByText(/Default: OCSF base_event/).first().isVisible()).toBe(true);
    await screenshot(ui.page, '07-wizard-3-mapping');
    await ui.page.getByRole('button', { name: /Keep the defaults/ }).click();

    await ui.page.getByRole('heading', { name: '4. Test & activate' }).waitFor();
    await ui.page.getByRole('button', { name: 'Test connection' }).click();
    await poll(() => ui.page.locator('.test-result').textContent(), 15_000).toMatch(/✓ Connected in \d+ ms/);
    await screenshot(ui.page, '08-wizard-4-test');
    await ui.page.getByRole('button', { name: 'Activate and sync now' }).click();
    await ui.page.getByRole('heading', { name: 'First sync finished' }).waitFor({ timeout: 30_000 });
    expect(await ui.page.locator('.execution[aria-label^="Sync of records"]').textContent()).toMatch(/completed.*\d+ pages · 12 processed · 12 new/s);
    await screenshot(ui.page, '09-wizard-first-sync');

    await ui.page.getByRole('link', { name: 'See the records' }).click();
    await ui.heading('Records').waitFor();
    await poll(() => ui.page.locator('table.records tbody tr').count()).toBe(12);
    expect(await ui.page.locator('table.records tbody tr').first().textContent()).toMatch(/Simulated JSON API \(http-json 1\.0\.0\), stream records/);
    await ui.expectLabelled();
    await screenshot(ui.page, '10-records');
  });


  it('lists the integration under My integrations, opens its logs and executions, and disables it', { timeout: 60_000 }, async () => {
    await ui.go('/integrations/installed');
    await ui.heading('My integrations').waitFor();
    const card = ui.page.locator('.instance-card', { hasText: 'Simulated JSON API' });
    await poll(() => card.textContent()).toMatch(/Active.*Healthy.*Last sync:.*records: completed, 12 new/s);
    await screenshot(ui.page, '11-installed');

    await card.getByRole('link', { name: 'View logs' }).click();
    await ui.heading('Logs').waitFor();
    await poll(() => ui.page.locator('table.logs tbody tr').count()).toBeGreaterThan(1);
    expect(await ui.page.locator('table.logs').textContent()).toMatch(/sync/);
    await ui.page.getByLabel('Level').selectOption('success');
    await poll(async () => (await ui.page.locator('table.logs tbody tr td:nth-child(2)').allTextContents()).every((l) => l === 'success')).toBe(true);
    await ui.expectLabelled();
    await screenshot(ui.page, '12-logs');

    await ui.go('/operations/executions');
    await ui.heading('Sync executions').waitFor();
    await poll(() => ui.page.locator('.execution').first().textContent()).toMatch(/completed/);
    await screenshot(ui.page, '13-executions');

    // Configure reopens the wizard on the stored settings; the credentials stay in the vault unless replaced.
    await ui.go('/integrations/installed');
    await ui.page.locator('.instance-card', { hasText: 'Simulated JSON API' }).getByRole('link', { name: 'Configure' }).click();
    await ui.heading(/Reconfigure HTTP JSON/).waitFor();
    expect(await ui.page.locator('#wizard_configuration_base_url').inputValue()).toBe(String(jsonApi.configuration.base_url));
    expect(await ui.page.locator('#wizard_credentials_token').inputValue()).toBe('');
    expect(await ui.page.getByText('Stored in the vault. Fill in only what you want to replace.').isVisible()).toBe(true);
    await screenshot(ui.page, '14-reconfigure');

    await ui.go('/integrations/installed');
    await ui.page.locator('.instance-card', { hasText: 'Simulated JSON API' }).getByRole('button', { name: 'Disable' }).click();
    await poll(() => ui.page.locator('.instance-card', { hasText: 'Simulated JSON API' }).textContent()).toMatch(/Inactive/);
    await ui.page.getByRole('button', { name: /^Inactive \(/ }).click();
    await poll(() => ui.page.locator('.instance-card h3').allTextContents()).toContainEqual(expect.stringContaining('Simulated JSON API'));
    await ui.page.getByRole('button', { name: /^Active \(/ }).click();
    await poll(() => ui.page.locator('.instance-card h3').allTextContents()).not.toContainEqual(expect.stringContaining('Simulated JSON API'));
    await ui.page.getByRole('button', { name: /^Inactive \(/ }).click();
    await screenshot(ui.page, '15-installed-disabled');
    const instances = await ui.hub.call<{ items: { name: string; status: string }[] }>('viewer', 'GET', '/api/integration/instances');
    expect(instances.items.find((i) => i.name === 'Simulated JSON API')?.status).toBe('inactive');
  });


  it('writes a review with a rating, votes another one helpful, and the catalogue rating follows', async () => {
    await ui.go('/integrations/http-json');
    await ui.page.getByRole('heading', { name: 'Write a review' }).waitFor();
    await ui.page.getByRole('group', { name: /Was “Covers our odd internal API” helpful/ }).getByRole('button', { name: /Helpful/ }).first().click();
    await poll(() => ui.page.getByText('1 found this helpful').isVisible()).toBe(true);
    await ui.page.getByRole('radio', { name: '3 stars' }).check();
    await ui.page.getByLabel('Title').fill('Solid, but the mapping needs care');
    await ui.page.getByLabel('Your review').fill('Worked against our simulator in minutes; map severity yourself.');
    await screenshot(ui.page, '16-review-form');
    await ui.page.getByRole('button', { name: 'Publish review' }).click();
    await poll(() => ui.page.getByRole('heading', { name: /^Reviews \(2\)/ }).isVisible()).toBe(true);
    expect(await ui.page.getByText('Solid, but the mapping needs care').isVisible()).toBe(true);
    expect(await ui.page.getByRole('button', { name: 'Edit your review' }).isVisible()).toBe(true);
    await screenshot(ui.page, '17-reviews');
    const connector = await ui.hub.call<{ rating: number; review_count: number }>('viewer', 'GET', '/api/integration/connectors/http-json');
    expect(connector).toMatchObject({ rating: 4, review_count: 2 });
  });


  it('shows a viewer the marketplace without edit controls', async () => {
    await ui.page.getByRole('button', { name: 'Sign out' }).click();
    await ui.signIn('viewer');
    await ui.go('/integrations/http-json');
    await ui.heading('HTTP JSON').waitFor();
    await ui.page.getByRole('heading', { name: /^Reviews/ }).waitFor();
    expect(await ui.page.getByRole('link', { name: 'Configure & install' }).count()).toBe(0);
    expect(await ui.page.getByRole('heading', { name: 'Write a review' }).count()).toBe(0);
    await ui.go('/integrations/installed');
    await ui.page.locator('.instance-card').first().waitFor();
    expect(await ui.page.getByRole('button', { name: /Disable|Enable|Sync now|Retry/ }).count()).toBe(0);
    expect(await ui.page.getByRole('link', { name: 'View logs' }).count()).toBeGreaterThan(0);
    await screenshot(ui.page, '21-viewer');
  });

  it("ships React's production build, compressed and cached for good", async () => {
    const html = await (await fetch(`${ui.hub.url}/`)).text();
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const response = await fetch(`${ui.hub.url}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('cache-control')).toMatch(/immutable/);
    // A development build carries React's warnings (and runs several times slower).
    expect(await response.text()).not.toContain('must not return anything besides a function');
  });

  it('logged no console error on any screen', () => {
    expect(ui.errors).toEqual([]);
  });
});

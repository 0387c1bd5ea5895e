import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '@patchbay/types';
import type { SimulatorHandle } from '@patchbay/conformance';
import { startHttpJsonSimulator } from '../../../connectors/http-json/simulator/index.ts';
import { startCrowdStrikeSimulator, type CrowdStrikeSimulatorHandle } from '../../../connectors/crowdstrike-falcon/simulator/index.ts';
import { screenshot } from './testing/browser.ts';
import { installAndSync, installInstance } from './testing/install.ts';
import { closedPort, poll, skipBrowser, uiSession } from './testing/ui-session.ts';

let jsonApi: SimulatorHandle;
let falcon: CrowdStrikeSimulatorHandle;
let hostId: string;
let hookUrl: string;

/**
 * The operations screens in a real browser against a real hub: approving another user's high-impact action,
 * health charts, tickets and SLA policies, a failing SIEM destination and its dead letters, a destination made through its form, event
 * subscriptions through the filter builder, deliveries, credentials and API tokens, and a viewer's read-only
 * screens. What the screens show is made through the API first, as another client would.
 */
describe.skipIf(skipBrowser)('the operations screens in a browser', () => {
  const ui = uiSession(async (hub) => {
    jsonApi = await startHttpJsonSimulator({ clock: systemClock, pageSize: 5 });
    jsonApi.seed('records', { count: 12 });
    falcon = await startCrowdStrikeSimulator({ clock: systemClock, pageSize: 5 });
    falcon.seed('hosts', { count: 2 });
    hostId = falcon.data.hosts.byKey()[0]!.device_id as string;
    hookUrl = `${String(jsonApi.configuration.base_url)}/soar-hook`;
    // Another person (the editor) asks to contain a host: a high-impact action waiting for an approval.
    const instanceId = await installInstance(hub, { name: 'Falcon EU', connectorId: 'crowdstrike-falcon', simulator: falcon, credentialName: 'falcon' });
    const run = await hub.call<{ status: string }>('editor', 'POST', `/api/integration/instances/${instanceId}/actions/contain-host`, { input: { device_id: hostId } });
    expect(run.status).toBe('pending_approval');
    // A SIEM destination whose syslog receiver is down (a port nobody listens on), and an outgoing webhook endpoint.
    const syslog = await hub.call<{ id: string }>('admin', 'POST', '/api/integration/instances', { name: 'SIEM syslog', connector_id: 'syslog', allow_private_network: true, configuration: { host: '127.0.0.1', port: await closedPort(), protocol: 'tcp', timeout_ms: 500 } });
    await hub.call('admin', 'POST', '/api/integration/destinations', { name: 'SOC syslog', instance_id: syslog.id, format: 'cef', event_type: 'record.*' });
    await hub.call('admin', 'POST', '/api/integration/webhooks', { url: hookUrl, description: 'SOAR', allow_private_network: true });
    // Synced records: health figures, and events the destination fails to send.
    await installAndSync(hub, { name: 'Simulated JSON API', connectorId: 'http-json', simulator: jsonApi });
  });
  afterAll(async () => {
    await jsonApi?.close();
    await falcon?.close();
  });

  it('signs in', async () => {
    await ui.signIn('admin');
  });

  it("approves another user's pending high-impact action, which then runs against the vendor", async () => {
    await ui.go('/operations/actions');
    await ui.heading('Action runs').waitFor();
    const run = ui.page.locator('.action-run', { hasText: 'contain-host' });
    await poll(() => run.textContent()).toMatch(/pending approval.*contain-host on Falcon EU.*high impact.*Requested by editor@example\.com/s);
    await ui.expectLabelled();
    await screenshot(ui.page, '18-action-pending');
    await run.getByLabel('Comment (optional)').fill('Confirmed with the on-call analyst');
    await run.getByRole('button', { name: 'Approve contain-host' }).click();
    await poll(() => ui.page.locator('.action-run', { hasText: 'contain-host' }).textContent()).toMatch(/succeeded.*approved by .*Confirmed with the on-call analyst/s);
    expect(falcon.data.hosts.get(hostId)!.status).toBe('contained');
    await screenshot(ui.page, '19-action-approved');
  });


  it('shows the health dashboard with charts', async () => {
    await ui.go('/operations/health');
    await ui.heading('Health').waitFor();
    await poll(() => ui.page.locator('table tbody tr').count()).toBeGreaterThan(0);
    await ui.page.getByLabel('Metrics of').selectOption({ label: 'Simulated JSON API' });
    await poll(() => ui.page.locator('.recharts-surface').count(), 10_000).toBeGreaterThan(0);
    await ui.expectLabelled();
    await screenshot(ui.page, '20-health');
  });


  it('lists tickets with their filters, and creates an SLA policy with business hours', async () => {
    await ui.go('/tickets');
    await ui.heading('Tickets').waitFor();
    await poll(() => ui.page.getByText(/No tickets yet/).isVisible()).toBe(true);
    for (const label of ['Status', 'SLA state', 'Integration']) expect(await ui.page.getByLabel(label, { exact: true }).isVisible(), label).toBe(true);
    await ui.page.getByLabel('SLA state').selectOption('breached');
    expect(ui.page.url()).toContain('sla=breached');
    await poll(() => ui.page.getByText(/No tickets match these filters/).isVisible()).toBe(true);
    await ui.expectLabelled();
    await screenshot(ui.page, '22-tickets');

    await ui.page.getByRole('navigation', { name: 'Tickets' }).getByRole('link', { name: 'SLA policies' }).click();
    await ui.heading('SLA policies').waitFor();
    await ui.page.getByRole('button', { name: 'New SLA policy' }).click();
    await ui.page.getByLabel('Name').fill('Critical vulnerabilities');
    await ui.page.getByLabel('P4').fill('a week');
    await ui.page.getByRole('button', { name: 'Create policy' }).click();
    await poll(() => ui.page.locator('.field-error').textContent()).toMatch(/P4 must be a whole number of minutes/);
    await ui.page.getByLabel('P4').fill('10080');
    await ui.page.getByLabel('Count business hours only').check();
    await ui.page.getByLabel('Time zone').fill('Europe/Paris');
    await ui.expectLabelled();
    await screenshot(ui.page, '23-sla-policy-form');
    await ui.page.getByRole('button', { name: 'Create policy' }).click();
    await poll(() => ui.page.locator('.sla-policy').first().textContent()).toMatch(/Critical vulnerabilities.*P1: 4 h · P2: 1 d · P3: 3 d · P4: 7 d.*business hours 09:00-17:00 Mon, Tue, Wed, Thu, Fri \(Europe\/Paris\)/s);
    const policies = await ui.hub.call<{ items: { name: string; targets: Record<string, number> }[] }>('viewer', 'GET', '/api/integration/sla-policies');
    expect(policies.items.find((p) => p.name === 'Critical vulnerabilities')?.targets).toEqual({ '1': 240, '2': 1440, '3': 4320, '4': 10080 });

    await ui.page.getByRole('navigation', { name: 'Tickets' }).getByRole('link', { name: 'Ticket rules' }).click();
    await ui.heading('Ticket rules').waitFor();
    await ui.page.getByRole('button', { name: 'New ticket rule' }).click();
    await poll(() => ui.page.getByLabel('SLA policy').locator('option').allTextContents()).toContain('Critical vulnerabilities');
    await ui.expectLabelled();
    await screenshot(ui.page, '24-ticket-rule-form');
  });


  it('shows a failing SIEM destination with its lag, skips the batch into the dead-letter queue', { timeout: 60_000 }, async () => {
    await ui.go('/operations/destinations');
    await ui.heading('Destinations').waitFor();
    const card = ui.page.locator('.destination', { hasText: 'SOC syslog' });
    await poll(async () => {
      await ui.page.getByRole('button', { name: 'Refresh' }).click();
      return card.textContent();
    }, 30_000).toMatch(/failing.*events? behind, oldest.*failures in a row/s);
    await ui.expectLabelled();
    await screenshot(ui.page, '25-destination-failing');
    ui.page.once('dialog', (dialog) => void dialog.accept());
    await card.getByRole('button', { name: 'Skip failing batch of SOC syslog' }).click();
    await card.locator('summary', { hasText: 'Dead-letter queue' }).click();
    await poll(() => card.locator('table.dead-letters tbody tr').count()).toBeGreaterThan(0);
    expect(await card.locator('table.dead-letters').textContent()).toMatch(/record\.created/);
    await screenshot(ui.page, '26-destination-dead-letters');
  });

  it('creates, edits and deletes a SIEM destination through its form', async () => {
    await ui.go('/operations/destinations');
    await ui.heading('Destinations').waitFor();
    await ui.page.getByRole('button', { name: 'New destination' }).click();
    const form = ui.page.locator('.destination-form');
    await form.getByLabel('Name').fill('Findings as JSON');
    // Only integrations that can send to a SIEM are offered; the formats are the connector's.
    expect(await form.getByLabel('Send through').locator('option').allTextContents()).toEqual(['Choose…', 'SIEM syslog (syslog)']);
    await form.getByLabel('Send through').selectOption({ label: 'SIEM syslog (syslog)' });
    await poll(() => form.getByLabel('Format').locator('option').allTextContents()).toEqual(['Choose…', 'Syslog RFC 5424', 'CEF', 'LEEF 2.0', 'JSONata template']);
    await form.getByLabel('Format').selectOption('jsonata');
    await form.getByLabel('Event type').fill('finding.*');
    await form.getByLabel('Severity at least').selectOption('4');
    await form.getByRole('button', { name: 'Create destination' }).click();
    await poll(() => form.locator('.field-error').textContent()).toMatch(/The jsonata format needs a template/);
    await form.getByLabel('Template (JSONata)').fill('{ "uid": record.finding_info.uid }');
    await ui.expectLabelled();
    await screenshot(ui.page, '34-destination-form');
    await form.getByRole('button', { name: 'Create destination' }).click();
    const card = ui.page.locator('.destination', { hasText: 'Findings as JSON' });
    await poll(() => card.textContent()).toMatch(/jsonata to SIEM syslog · events finding\.\* · severity High or above/);
    const created = (await ui.hub.call<{ items: { name: string; format_options: unknown; filter_criteria: unknown; event_type: string }[] }>('viewer', 'GET', '/api/integration/destinations')).items.find((d) => d.name === 'Findings as JSON');
    expect(created).toMatchObject({ event_type: 'finding.*', format_options: { template: '{ "uid": record.finding_info.uid }' }, filter_criteria: { severity_at_least: 4 } });

    await card.getByRole('button', { name: 'Edit Findings as JSON' }).click();
    expect(await form.getByLabel('Send through').isDisabled()).toBe(true);
    await form.getByLabel('Event type').fill('record.*');
    await form.getByRole('button', { name: 'Save destination' }).click();
    await poll(() => card.textContent()).toMatch(/events record\.\* · severity High or above/);

    ui.page.once('dialog', (dialog) => void dialog.accept());
    await card.getByRole('button', { name: 'Delete Findings as JSON' }).click();
    await poll(() => card.count()).toBe(0);
  });


  it('creates an event subscription through the filter builder, with errors shown inline', async () => {
    await ui.go('/operations/subscriptions');
    await ui.heading('Event subscriptions').waitFor();
    await ui.page.getByRole('button', { name: 'New subscription' }).click();
    await ui.page.getByLabel('Name').fill('Critical detections to the SOAR');
    await ui.page.getByLabel('Event type').fill('finding.created');
    await ui.page.getByLabel('Detection Finding (2004)').check();
    expect(await ui.page.getByLabel('Class uids').inputValue()).toBe('2004');
    await ui.page.getByLabel('Class uids').fill('2004, detections');
    await ui.page.getByLabel('Severity at least').selectOption('5');
    await ui.page.getByLabel('Tags (all of)').fill('production');
    await ui.page.getByLabel('Webhook endpoint').selectOption({ label: hookUrl });
    await ui.page.getByRole('button', { name: 'Create subscription' }).click();
    await poll(() => ui.page.locator('.filter-builder [role=alert]').textContent()).toMatch(/“detections” is not an OCSF class uid/);
    await ui.page.getByLabel('Class uids').fill('2004');
    // A predicate the API cannot compile: its problem+json is shown in the form (the browser logs the 400).
    await ui.page.getByLabel('Predicate (JSONata)').fill('data.record.status_id = (');
    await ui.page.getByRole('button', { name: 'Create subscription' }).click();
    await poll(() => ui.page.locator('.subscription-form .error-box').textContent()).toMatch(/The subscription was not created.*predicate/is);
    await ui.expectConsoleError(/400.*event-subscriptions/);
    await ui.page.getByLabel('Predicate (JSONata)').fill('data.record.status_id = 1');
    // Tested against events before saving: the checks say why it would act, or not.
    const event = (severity: number) => JSON.stringify({ type: 'finding.created', timestamp: '2026-11-22T10:00:00Z', data: { class_uid: 2004, severity_id: severity, tags: ['production'], record: { status_id: 1 } } });
    await ui.page.getByLabel(/^Event \(JSON/).fill(event(5));
    await ui.page.getByRole('button', { name: 'Test the subscription' }).click();
    await poll(() => ui.page.locator('.subscription-tester .test-result').textContent()).toMatch(/✓ It would act on this event.*predicate: data\.record\.status_id = 1 gave true/s);
    await ui.page.getByLabel(/^Event \(JSON/).fill(event(3));
    await ui.page.getByRole('button', { name: 'Test the subscription' }).click();
    await poll(() => ui.page.locator('.subscription-tester .test-result').textContent()).toMatch(/✗ It would not act on this event.*severity_at_least: severity_id 5 or above; the event has 3/s);
    await screenshot(ui.page, '33-subscription-test');
    await ui.expectLabelled();
    await screenshot(ui.page, '27-subscription-filter-builder');
    await ui.page.getByRole('button', { name: 'Create subscription' }).click();
    const card = ui.page.locator('.subscription', { hasText: 'Critical detections to the SOAR' });
    await poll(() => card.textContent()).toMatch(/On finding\.created matching class 2004 · severity Critical or above · tags production · predicate data\.record\.status_id = 1: sends to .*soar-hook/);
    await screenshot(ui.page, '28-subscriptions');
    const subscriptions = await ui.hub.call<{ items: { name: string; filter_criteria: unknown; action_type: string }[] }>('viewer', 'GET', '/api/integration/event-subscriptions');
    expect(subscriptions.items.find((s) => s.name === 'Critical detections to the SOAR')).toMatchObject({ action_type: 'webhook', filter_criteria: { class_uids: [2004], severity_at_least: 5, tags: ['production'], predicate: 'data.record.status_id = 1' } });

    await ui.go('/operations/deliveries');
    await ui.heading('Deliveries').waitFor();
    await poll(() => ui.page.getByText(/The dead-letter queue is empty/).isVisible()).toBe(true);
    // A second endpoint through the form: its signing secret is shown once.
    await ui.page.getByLabel('Endpoint URL').fill(`${hookUrl}-2`);
    await ui.page.getByLabel('Allow private network addresses').check();
    await ui.page.getByRole('button', { name: 'Add endpoint' }).click();
    await poll(() => ui.page.getByLabel('Signing secret').inputValue()).toMatch(/^whsec_/);
    await ui.page.getByRole('button', { name: 'Done' }).click();
    // It is edited, disabled and deleted from its row.
    const second = `${hookUrl}-2`;
    await ui.page.getByRole('button', { name: `Edit ${second}` }).click();
    const edit = ui.page.getByRole('form', { name: `Edit webhook endpoint ${second}` });
    await edit.getByLabel('Description').fill('Second SOAR');
    await ui.expectLabelled();
    await edit.getByRole('button', { name: 'Save endpoint' }).click();
    const row = ui.page.locator('table.endpoints tr', { hasText: 'Second SOAR' });
    await poll(() => row.count()).toBe(1);
    await ui.page.getByRole('button', { name: `Disable ${second}` }).click();
    await poll(() => row.textContent()).toMatch(/disabled/);
    ui.page.once('dialog', (dialog) => void dialog.accept());
    await ui.page.getByRole('button', { name: `Delete ${second}` }).click();
    await poll(() => row.count()).toBe(0);
    const left = await ui.hub.call<{ items: { url: string }[] }>('viewer', 'GET', '/api/integration/webhooks');
    expect(left.items.map((e) => e.url)).toEqual([hookUrl]);
    await ui.page.getByRole('button', { name: hookUrl, exact: true }).click();
    await ui.page.getByRole('heading', { name: `Messages to ${hookUrl}` }).waitFor();
    await ui.expectLabelled();
    await screenshot(ui.page, '29-deliveries');
  });


  it('tests a stored credential (secrets masked), creates an API token shown once and revokes it', async () => {
    await ui.go('/access/credentials');
    await ui.heading('Credentials').waitFor();
    const card = ui.page.locator('.auth-config', { hasText: 'falcon' });
    await card.getByRole('button', { name: 'Test falcon' }).click();
    await poll(() => card.locator('.test-result').textContent()).toMatch(/✓ The credential was accepted/);
    await card.locator('summary', { hasText: 'Who used it' }).click();
    await poll(() => card.locator('details li').count()).toBeGreaterThan(0);
    expect(await ui.page.locator('main').textContent()).not.toContain(String(falcon.vaultCredentials!.credentials.client_secret));
    expect(await card.locator('dl').textContent()).toMatch(/client_secret•+\w{1,4} \(secret\)/);
    await ui.expectLabelled();
    await screenshot(ui.page, '30-credentials');

    // A credential stored on this screen, then chosen in an integration's wizard instead of typed again.
    await ui.page.getByRole('button', { name: 'New credential' }).click();
    const add = ui.page.getByRole('region', { name: 'New credential' });
    await add.getByLabel('Name').fill('JSON API token');
    await add.getByLabel('For connector').selectOption({ label: 'HTTP JSON' });
    await add.getByLabel('Method').selectOption({ label: 'Bearer token' });
    const secretField = add.locator('#credential_token');
    expect(await secretField.getAttribute('type')).toBe('password');
    await secretField.fill(String(jsonApi.vaultCredentials!.credentials.token));
    await ui.expectLabelled();
    await screenshot(ui.page, '35-new-credential');
    await add.getByRole('button', { name: 'Store credential' }).click();
    const storedCard = ui.page.locator('.auth-config', { hasText: 'JSON API token' });
    await poll(() => storedCard.textContent()).toMatch(/\(secret\)/);
    expect(await ui.page.locator('main').textContent()).not.toContain(String(jsonApi.vaultCredentials!.credentials.token));
    const credentials = async () => (await ui.hub.call<{ items: { id: string; name: string }[] }>('admin', 'GET', '/api/integration/auth-configs')).items;
    const before = await credentials();
    const storedId = before.find((c) => c.name === 'JSON API token')!.id;

    await ui.go('/integrations/http-json');
    await ui.page.getByRole('link', { name: 'Configure & install' }).click();
    await ui.heading(/Configure HTTP JSON/).waitFor();
    await ui.page.getByLabel('Name of this integration').fill('JSON API, stored credential');
    await ui.page.getByRole('button', { name: /Next: credentials/ }).click();
    const config = jsonApi.configuration as Record<string, unknown>;
    await ui.page.locator('#wizard_configuration_base_url').fill(String(config.base_url));
    await ui.page.locator('#wizard_configuration_path').fill('/records');
    await ui.page.locator('#wizard_configuration_record_path').fill('data');
    await ui.page.getByRole('radio', { name: 'Bearer token' }).check();
    await ui.page.getByLabel('Credential', { exact: true }).selectOption({ label: 'Use stored: JSON API token' });
    await poll(() => ui.page.locator('#wizard_credentials_token').count()).toBe(0);
    await ui.page.getByText('Advanced options (admins)').click();
    await ui.page.getByLabel(/Allow private network addresses/).check();
    await ui.expectLabelled();
    await ui.page.getByRole('button', { name: /Next: data mapping/ }).click();
    await ui.page.getByRole('heading', { name: '3. Data mapping' }).waitFor();
    const installed = (await ui.hub.call<{ items: { name: string; auth_config_id: string | null }[] }>('admin', 'GET', '/api/integration/instances')).items.find((i) => i.name === 'JSON API, stored credential');
    expect(installed?.auth_config_id).toBe(storedId);
    expect(await credentials()).toHaveLength(before.length); // no copy made

    // A second integration on the same credential: reconfiguring either says new secrets replace it for both.
    const first = (await ui.hub.call<{ items: { id: string; name: string; configuration: Record<string, unknown> }[] }>('admin', 'GET', '/api/integration/instances')).items.find((i) => i.name === 'JSON API, stored credential')!;
    await ui.hub.call('admin', 'POST', '/api/integration/instances', { name: 'JSON API, same token', connector_id: 'http-json', configuration: first.configuration, auth_config_id: storedId, allow_private_network: true });
    await ui.go('/integrations/installed');
    await ui.page.locator('.instance-card', { hasText: 'JSON API, stored credential' }).getByRole('link', { name: 'Configure' }).click();
    await ui.heading(/Reconfigure HTTP JSON/).waitFor();
    await poll(() => ui.page.getByText(/It is shared: what you type replaces it for 1 other integration too\./).isVisible()).toBe(true);

    // Its secret replaced on the Credentials screen (a rotated token): merged into the stored credential, version 2.
    await ui.go('/access/credentials');
    const tokenCard = ui.page.locator('.auth-config', { hasText: 'JSON API token' });
    await tokenCard.getByRole('button', { name: 'Replace secrets of JSON API token' }).click();
    const replace = ui.page.getByRole('form', { name: 'Replace the secrets of JSON API token' });
    await replace.getByRole('button', { name: 'Save secrets' }).click();
    await poll(() => replace.getByRole('alert').textContent()).toMatch(/Type at least one new secret/);
    await replace.getByLabel('New token').fill('rotated-simulator-token');
    await ui.expectLabelled();
    await replace.getByRole('button', { name: 'Save secrets' }).click();
    await poll(() => tokenCard.textContent()).toMatch(/version 2/);
    expect(await ui.page.locator('main').textContent()).not.toContain('rotated-simulator-token');

    await ui.go('/access/tokens');
    await ui.heading('API tokens').waitFor();
    await ui.page.getByLabel('Token name').fill('SOAR bot');
    await ui.page.getByLabel('Role').selectOption('editor');
    await ui.page.getByRole('button', { name: 'Create token' }).click();
    const shown = ui.page.getByLabel('New token');
    await poll(() => shown.inputValue()).toMatch(/^pbt_/);
    const token = await shown.inputValue();
    const me = await fetch(`${ui.hub.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    await ui.expectLabelled();
    await screenshot(ui.page, '31-token-created');
    await ui.page.getByRole('button', { name: 'Done' }).click();
    ui.page.once('dialog', (dialog) => void dialog.accept());
    await ui.page.getByRole('button', { name: 'Revoke SOAR bot' }).click();
    await poll(() => ui.page.locator('table.tokens tr', { hasText: 'SOAR bot' }).textContent()).toMatch(/revoked/);
    expect((await fetch(`${ui.hub.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });


  it('shows a viewer the operations screens without edit controls', async () => {
    await ui.page.getByRole('button', { name: 'Sign out' }).click();
    await ui.signIn('viewer');
    await ui.go('/operations/actions');
    await ui.page.locator('.action-run').first().waitFor();
    expect(await ui.page.getByRole('button', { name: /Approve|Reject/ }).count()).toBe(0);
    await ui.go('/operations/subscriptions');
    await ui.page.locator('.subscription').first().waitFor();
    expect(await ui.page.getByRole('button', { name: /New subscription|Edit|Pause|Delete/ }).count()).toBe(0);
    await ui.go('/operations/destinations');
    await ui.page.locator('.destination').first().waitFor();
    expect(await ui.page.getByRole('button', { name: /New destination|Edit|Delete|Skip|Replay|Pause/ }).count()).toBe(0);
    await ui.go('/tickets/sla-policies');
    await ui.page.locator('.sla-policy').first().waitFor();
    expect(await ui.page.getByRole('button', { name: /New SLA policy|Edit|Delete/ }).count()).toBe(0);
    await screenshot(ui.page, '32-viewer-operations');
  });

  it('logged no console error on any screen', () => {
    expect(ui.errors).toEqual([]);
  });
});

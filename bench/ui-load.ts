/**
 * ui-load: how long the web UI's catalogue page (`/integrations`) takes to load on localhost, in Debian's
 * chromium (playwright-core), from navigation until the connector cards are on screen: every call the page
 * makes to the API included. Cold: a new browser context each round (empty cache); warm: a reload in the
 * same context (hashed assets come from the cache, `index.html` revalidates). Also the bytes transferred
 * on a cold load (compressed). Target: the cold load under 1 s. The hub is real (built-in connectors on a
 * scratch database, the built UI served compressed by the server); the UI is built first when stale.
 *
 *     node bench/ui-load.ts [--db pglite|postgres] [--rounds N]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { chromium, type BrowserContext } from 'playwright-core';
import { builtInConnectors, createEngine } from '@patchbay/engine';
import { buildServer } from '@patchbay/server';
import { writeResults, type Measurement } from './lib/report.ts';
import { postgresReachable, scratchDatabase, type BenchDbKind } from './lib/scratch-db.ts';

const CHROMIUM = '/usr/bin/chromium';
const UI_DIR = fileURLToPath(new URL('../packages/web/dist', import.meta.url));
const ENSURE_BUILD = fileURLToPath(new URL('../packages/web/scripts/ensure-build.ts', import.meta.url));

const { values: args } = parseArgs({ options: { db: { type: 'string' }, rounds: { type: 'string' } }, allowPositionals: true });
const rounds = Number(args.rounds ?? process.env.BENCH_UI_LOAD_ROUNDS ?? 7);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Navigation to the catalogue until its cards are rendered, in ms; and the bytes the page transferred. */
async function loadCatalogue(context: BrowserContext, url: string, reload: boolean): Promise<{ ms: number; bytes: number }> {
  const page = context.pages()[0] ?? (await context.newPage());
  const started = performance.now();
  if (reload) await page.reload({ waitUntil: 'commit' });
  else await page.goto(`${url}/integrations`, { waitUntil: 'commit' });
  await page.locator('.connector-card').first().waitFor({ timeout: 30_000 });
  const ms = performance.now() - started;
  // Evaluated in the page (a string: this file is checked for Node, without the DOM's types).
  const bytes = (await page.evaluate(`[...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].reduce((sum, e) => sum + e.transferSize, 0)`)) as number;
  return { ms, bytes };
}

async function main() {
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`ui-load needs Debian's chromium at ${CHROMIUM} (apt-get install -y chromium)\n`);
    process.exit(1);
  }
  const build = spawnSync(process.execPath, [ENSURE_BUILD], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the web UI failed');
  const kind: BenchDbKind = (args.db as BenchDbKind | undefined) ?? ((await postgresReachable()) ? 'postgres' : 'pglite');
  const { database, drop } = await scratchDatabase(kind, 'ui_load');
  const log = pino({ level: 'silent' });
  const engine = createEngine({ database, log, connectors: builtInConnectors });
  const boot = await engine.start();
  const token = boot!.token!;
  const app = await buildServer({ engine, log, uiDir: UI_DIR });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const signedIn = async () => {
    const context = await browser.newContext();
    await context.addInitScript((t) => sessionStorage.setItem('patchbay.token', t), token);
    return context;
  };
  try {
    // One load first so the server and the browser binary are warm; not measured.
    const warmup = await signedIn();
    await loadCatalogue(warmup, url, false);
    await warmup.close();

    const cold: number[] = [];
    const warm: number[] = [];
    const bytes: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const context = await signedIn();
      const first = await loadCatalogue(context, url, false);
      cold.push(first.ms);
      bytes.push(first.bytes);
      warm.push((await loadCatalogue(context, url, true)).ms);
      await context.close();
    }
    const measurements: Measurement[] = [
      { metric: 'catalogue_load_cold_ms', value: median(cold), unit: 'ms', target: 1000, better: 'lower', db: kind },
      { metric: 'catalogue_load_warm_ms', value: median(warm), unit: 'ms', target: 1000, better: 'lower', db: kind },
      { metric: 'catalogue_load_cold_worst_ms', value: Math.max(...cold), unit: 'ms', better: 'lower', db: kind },
      { metric: 'catalogue_transfer_cold', value: median(bytes) / 1024, unit: 'KiB', better: 'lower', db: kind },
    ];
    writeResults('ui-load', measurements);
  } finally {
    await browser.close();
    await app.close();
    await drop();
  }
}

await main();

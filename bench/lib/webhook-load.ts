/**
 * The load generator of `webhooks-in`, run as its own process: `concurrency` keep-alive clients on
 * 127.0.0.1, each sending GitHub-signed POSTs one after another until `requests` were sent. The body and
 * signature are computed before the clock starts; each request has its own X-GitHub-Delivery id.
 * Prints one JSON line: { sent, ok, statuses, seconds, p50, p99 }.
 *
 *     node bench/lib/webhook-load.ts <url> <secret> <body-file> <requests> <concurrency> <delivery-prefix>
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';

const [url, secret, bodyFile, requestsArg, concurrencyArg, prefix] = process.argv.slice(2) as [string, string, string, string, string, string];
const requests = Number(requestsArg);
const concurrency = Number(concurrencyArg);
const body = readFileSync(bodyFile);
const signature = 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
const agent = new Agent({ connections: concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
const latencies = new Float64Array(requests);
const statuses: Record<string, number> = {};
let next = 0;

async function client(): Promise<void> {
  for (;;) {
    const i = next++;
    if (i >= requests) return;
    const started = performance.now();
    const res = await request(url, {
      method: 'POST',
      dispatcher: agent,
      body,
      headers: { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-github-delivery': `${prefix}-${i}`, 'x-hub-signature-256': signature, 'user-agent': 'GitHub-Hookshot/bench' },
    });
    await res.body.dump();
    latencies[i] = performance.now() - started;
    statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, client));
const seconds = (performance.now() - started) / 1000;
await agent.close();
const sorted = Array.from(latencies).sort((a, b) => a - b);
const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
const ok = Object.entries(statuses).filter(([s]) => Number(s) >= 200 && Number(s) < 300).reduce((n, [, c]) => n + c, 0);
process.stdout.write(JSON.stringify({ sent: requests, ok, statuses, seconds, p50: at(0.5), p99: at(0.99) }) + '\n');

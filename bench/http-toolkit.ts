/**
 * http-toolkit: the per-request cost of the connector HTTP toolkit (auth header, rate limiter with a
 * large budget, circuit breaker, SSRF guard, timeout, size limit, JSON parse) against a bare fetch to
 * the same local server, in the same run, rounds interleaved to cancel noise. Target: toolkit/bare
 * at most 1.15. Also reported, for information: the toolkit against its own transport alone (undici,
 * no toolkit layers), which isolates what the layers cost.
 *
 *     node bench/http-toolkit.ts
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Secret, systemClock } from '@patchbay/types';
import { bearerAuth, createHttpClient, SsrfGuard, undiciTransport } from '../packages/sdk/src/http/index.ts';
import { writeResults, type Measurement } from './lib/report.ts';

export interface HttpToolkitBenchOptions {
  /** Calls per mode before measuring, so every path is warm (JIT, connections). */
  readonly warmup?: number;
  readonly rounds?: number;
  readonly sequential?: number;
  readonly concurrency?: number;
  readonly concurrentTotal?: number;
}

type Call = () => Promise<unknown>;

async function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(fileURLToPath(new URL('./lib/json-server.ts', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`benchmark server exited (${code})`)));
  });
  return { child, port };
}

async function sequential(call: Call, n: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await call();
  return performance.now() - start;
}

async function concurrent(call: Call, total: number, width: number): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next++ < total) await call();
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: width }, worker));
  return performance.now() - start;
}

export async function runHttpToolkitBench(options: HttpToolkitBenchOptions = {}): Promise<Measurement[]> {
  const rounds = options.rounds ?? 4;
  const seqN = options.sequential ?? 300;
  const width = options.concurrency ?? 16;
  const concN = options.concurrentTotal ?? 1_200;
  const { child, port } = await startServer();
  const base = `http://127.0.0.1:${port}`;
  const token = new Secret('bench-token');
  const client = createHttpClient({
    baseUrl: base,
    allowPrivateNetwork: true,
    clock: systemClock,
    auth: bearerAuth({ token }),
    rateLimit: { perSecond: 1_000_000_000 },
  });
  const transport = undiciTransport({ guard: new SsrfGuard({ baseUrl: new URL(base), allowPrivateNetwork: true }) });
  const url = new URL(`${base}/v1/alerts?limit=5`);
  const calls: Record<'bare' | 'toolkit' | 'transport', Call> = {
    bare: async () => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token.reveal()}`, accept: 'application/json' } });
      if (!res.ok) throw new Error(`status ${res.status}`);
      return res.json();
    },
    toolkit: () => client.get('/v1/alerts', { query: { limit: 5 } }),
    transport: async () => {
      const res = await transport.send({ method: 'GET', url, headers: { authorization: `Bearer ${token.reveal()}`, accept: 'application/json' }, body: undefined, signal: new AbortController().signal });
      const chunks: Uint8Array[] = [];
      for await (const chunk of res.body) chunks.push(chunk);
      return JSON.parse(Buffer.concat(chunks).toString('utf8'));
    },
  };
  const modes = Object.keys(calls) as (keyof typeof calls)[];
  const seq = { bare: 0, toolkit: 0, transport: 0 };
  const conc = { bare: 0, toolkit: 0, transport: 0 };
  try {
    for (const mode of modes) await sequential(calls[mode], options.warmup ?? 1_500);
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? modes : [...modes].reverse();
      for (const mode of order) seq[mode] += await sequential(calls[mode], seqN);
      for (const mode of order) conc[mode] += await concurrent(calls[mode], concN, width);
    }
  } finally {
    await client.close();
    await transport.close?.();
    child.disconnect();
  }
  const us = (totalMs: number, perRound: number) => (totalMs * 1000) / (perRound * rounds);
  return [
    { metric: 'sequential_us_per_request', value: us(seq.toolkit, seqN), unit: 'us', baseline: us(seq.bare, seqN), target: 1.15, better: 'lower' },
    { metric: `concurrent${width}_us_per_request`, value: us(conc.toolkit, concN), unit: 'us', baseline: us(conc.bare, concN), target: 1.15, better: 'lower' },
    { metric: 'sequential_us_per_request_vs_own_transport', value: us(seq.toolkit, seqN), unit: 'us', baseline: us(seq.transport, seqN), target: null, better: 'lower' },
    { metric: `concurrent${width}_us_per_request_vs_own_transport`, value: us(conc.toolkit, concN), unit: 'us', baseline: us(conc.transport, concN), target: null, better: 'lower' },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeResults('http-toolkit', await runHttpToolkitBench());
}

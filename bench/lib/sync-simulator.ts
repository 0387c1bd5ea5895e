/**
 * A vendor API for the sync benchmark, run in a child process: `GET /v1/alerts?offset=N&limit=M` pages
 * through SIM_RECORDS deterministic EDR-style alerts (`{ data, next_offset }`, `next_offset` null at the
 * end). Listens on 127.0.0.1 (random port) and sends `{ port }` to the parent.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const total = Number(process.env.SIM_RECORDS ?? 1_000_000);
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const tactics = ['Execution', 'Persistence', 'Privilege Escalation', 'Defense Evasion', 'Credential Access', 'Lateral Movement'];
const base = Date.parse('2026-01-01T00:00:00Z');

/** One raw alert, about 700 bytes of JSON. */
export function alert(i: number) {
  const host = i % 5000;
  return {
    id: `alert-${hex(i, 10)}`,
    created_at: new Date(base + i * 1000).toISOString(),
    updated_at: new Date(base + i * 1000 + 60_000).toISOString(),
    severity: (i * 37) % 100,
    status: i % 3 === 0 ? 'in_progress' : 'new',
    title: `Suspicious ${tactics[i % tactics.length]} activity by process ${i % 977}`,
    description: `A process on host-${host} matched behavioural rule R-${i % 311} (${tactics[i % tactics.length]}); review the process tree and the parent command line.`,
    rule: { id: `R-${i % 311}`, name: `Behavioural rule ${i % 311}` },
    tactic: tactics[i % tactics.length],
    host: { id: `h-${hex(host, 8)}`, hostname: `host-${host}.corp.example`, ip: `10.${(host >> 8) & 255}.${host & 255}.${(i % 250) + 1}`, os: 'Windows 11 23H2' },
    user: { name: `user${i % 1300}`, domain: 'CORP' },
    process: { pid: 1000 + (i % 30000), name: `proc${i % 977}.exe`, cmdline: `C:\\Windows\\proc${i % 977}.exe --flag ${i % 17}`, sha256: hex(i * 2654435761, 16).repeat(4).slice(0, 64) },
    tags: ['edr', tactics[i % tactics.length]!.toLowerCase().replace(/ /g, '-')],
  };
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== '/v1/alerts') {
    res.writeHead(404).end();
    return;
  }
  const offset = Number(url.searchParams.get('offset') ?? 0);
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 1000), 5000);
  const end = Math.min(total, offset + limit);
  const data = [];
  for (let i = offset; i < end; i++) data.push(alert(i));
  const body = JSON.stringify({ data, next_offset: end < total ? end : null });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => server.close(() => process.exit(0)));

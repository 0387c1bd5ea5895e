/**
 * A small JSON API for benchmarks, run in a child process so its work does not share the measuring
 * process's event loop. Listens on 127.0.0.1 (random port) and sends `{ port }` to the parent.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const payload = JSON.stringify({
  items: Array.from({ length: 5 }, (_, i) => ({ id: `alert-${i}`, severity: 'high', createdAt: '2026-01-01T00:00:00Z', tags: ['a', 'b'] })),
  next: null,
});

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'x-ratelimit-remaining': '1000' });
    res.end(payload);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => server.close(() => process.exit(0)));

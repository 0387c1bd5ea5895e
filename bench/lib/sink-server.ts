/**
 * A webhook receiver for `webhooks-out`, in its own process: reads each body, answers 204, and counts.
 * Prints `{"port":N}` once listening; on the IPC message `count` answers `{ count }`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

let count = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    count++;
    res.writeHead(204).end();
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('message', (m) => {
  if (m === 'count') process.send?.({ count });
  if (m === 'stop') server.close(() => process.exit(0));
});

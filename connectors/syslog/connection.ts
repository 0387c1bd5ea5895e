import { createSocket } from 'node:dgram';
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { DestinationConnection, DestinationContext } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { portOf, type SyslogConfig } from './config.ts';
import { encodeBatch, frame } from './message.ts';

const unavailable = (message: string, cause?: unknown) => new PatchbayError('DESTINATION_SEND_FAILED', { message, cause });

/** A TCP or TLS stream: frames are written in order; a write that the kernel took resolves, a closed stream fails. */
async function openStream(ctx: DestinationContext<SyslogConfig>): Promise<DestinationConnection> {
  const config = ctx.config;
  const port = portOf(config);
  const socket: Socket = await new Promise((resolve, reject) => {
    const options = { host: config.host, port, lookup: ctx.lookup as never, timeout: config.timeout_ms };
    const s =
      config.protocol === 'tls'
        ? tlsConnect({ ...options, servername: config.server_name ?? (isIP(config.host) ? undefined : config.host), ca: config.ca_pem, rejectUnauthorized: true }, () => resolve(s))
        : netConnect(options, () => resolve(s));
    s.once('error', (error) => reject(unavailable(`Cannot connect to ${config.host}:${port}: ${error.message}`, error)));
    s.once('timeout', () => s.destroy(new Error(`no connection within ${config.timeout_ms} ms`)));
  });
  socket.setTimeout(0);
  socket.setKeepAlive(true, 30_000);
  let broken: Error | null = null;
  socket.on('error', (error) => (broken = error));
  socket.on('close', () => (broken ??= new Error('the receiver closed the connection')));
  socket.on('end', () => (broken ??= new Error('the receiver closed the connection')));
  // A receiver never talks back on syslog; reading keeps 'end' observable.
  socket.resume();
  return {
    async send(batch) {
      const frames = encodeBatch(batch, config).map((m) => frame(m, config.framing));
      if (broken) throw unavailable(`The connection to ${config.host}:${port} is closed: ${(broken as Error).message}`);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(unavailable(`Writing to ${config.host}:${port} took longer than ${config.timeout_ms} ms`)), config.timeout_ms);
        socket.write(Buffer.concat(frames), (error) => {
          clearTimeout(timer);
          if (error || broken) reject(unavailable(`Writing to ${config.host}:${port} failed: ${(error ?? broken)!.message}`, error));
          else resolve();
        });
      });
    },
    async close() {
      await new Promise<void>((resolve) => {
        if (socket.destroyed) return resolve();
        socket.end(() => resolve());
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 1_000).unref();
      });
    },
  };
}

/** UDP: one datagram per message (RFC 5426); delivery is not acknowledged, order is best effort. */
async function openUdp(ctx: DestinationContext<SyslogConfig>): Promise<DestinationConnection> {
  const config = ctx.config;
  const port = portOf(config);
  const socket = createSocket({ type: config.host.includes(':') ? 'udp6' : 'udp4', lookup: ctx.lookup as never });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', (error) => reject(unavailable(`Cannot reach ${config.host}:${port}: ${error.message}`, error)));
    socket.connect(port, config.host, () => resolve());
  });
  return {
    async send(batch) {
      for (const message of encodeBatch(batch, config)) {
        await new Promise<void>((resolve, reject) => socket.send(message, (error) => (error ? reject(unavailable(`Sending to ${config.host}:${port} failed: ${error.message}`, error)) : resolve())));
      }
    },
    async close() {
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
}

/** Opens the connection the engine keeps between batches; the host is checked against the SSRF guard first. */
export async function openConnection(ctx: DestinationContext<SyslogConfig>): Promise<DestinationConnection> {
  ctx.checkHost(ctx.config.host);
  return ctx.config.protocol === 'udp' ? openUdp(ctx) : openStream(ctx);
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

/** How long Prism may take to load a description and listen (it takes 1-2 s for a small one). */
const READY_TIMEOUT_MS = 30_000;
const READY_LINE = 'Prism is listening';
/** How long Prism gets to exit after SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 5_000;

export interface PrismProcess {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

function prismBin(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@stoplight/prism-cli/package.json');
  const { bin } = require(manifest) as { bin: { prism: string } };
  return join(dirname(manifest), bin.prism);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function waitReady(child: ChildProcess, output: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`Prism did not start within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output.push(text);
      if (output.length > 50) output.shift();
      if (text.includes(READY_LINE)) done();
    };
    const onExit = (code: number | null) => fail(new Error(`Prism exited with code ${code} before listening:\n${output.join('').slice(-2000)}`));
    function cleanup() {
      clearTimeout(timer);
      child.off('exit', onExit);
    }
    function done() {
      cleanup();
      resolve();
    }
    function fail(error: Error) {
      cleanup();
      child.kill('SIGKILL');
      reject(error);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/**
 * Starts `prism proxy <spec> <upstream> --errors` on a free loopback port and waits until it listens.
 * Prism validates every request against the description, forwards valid ones to `upstream`, validates
 * the answer, and (with `--errors`) answers with a problem document instead when either breaks it.
 */
export async function startPrism(spec: string, upstream: string): Promise<PrismProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [prismBin(), 'proxy', spec, upstream, '--errors', '-h', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const output: string[] = [];
  try {
    await waitReady(child, output);
  } catch (error) {
    process.off('exit', killOnExit);
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

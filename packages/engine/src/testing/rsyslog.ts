import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RSYSLOGD = '/usr/sbin/rsyslogd';
export const hasRsyslog = (): boolean => existsSync(RSYSLOGD);
export const hasRsyslogTls = (): boolean => ['/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_ossl.so', '/usr/lib/aarch64-linux-gnu/rsyslog/lmnsd_ossl.so'].some((p) => existsSync(p));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const canConnect = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

/** One line per message rsyslog wrote: what it parsed out of the syslog header, and the MSG. */
export interface Received {
  readonly pri: number;
  readonly hostname: string;
  readonly appName: string;
  readonly msgId: string;
  readonly structuredData: string;
  readonly msg: string;
  readonly input: string;
}

/**
 * A real rsyslog on 127.0.0.1 for tests: imtcp (plain and TLS with a throwaway self-signed certificate)
 * and imudp on free ports, everything written by omfile to one file in a temp folder, parsed back by
 * `received()`. `stop()` and `start()` again simulate an outage on the same ports.
 */
export class RsyslogReceiver {
  readonly dir = mkdtempSync(join(tmpdir(), 'patchbay-rsyslog-'));
  readonly outFile = join(this.dir, 'out.log');
  tcpPort = 0;
  tlsPort = 0;
  udpPort = 0;
  caPem = '';
  #child: ChildProcess | null = null;

  async start(): Promise<void> {
    if (!this.tcpPort) await this.#configure();
    this.#child = spawn(RSYSLOGD, ['-n', '-f', join(this.dir, 'rsyslog.conf'), '-i', join(this.dir, 'rsyslog.pid')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    this.#child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const deadline = Date.now() + 10_000;
    while (!(await canConnect(this.tcpPort)) || !(await canConnect(this.tlsPort))) {
      if (Date.now() > deadline || this.#child.exitCode !== null) throw new Error(`rsyslogd did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async #configure(): Promise<void> {
    [this.tcpPort, this.tlsPort, this.udpPort] = [await freePort(), await freePort(), await freePort()];
    const key = join(this.dir, 'key.pem');
    const cert = join(this.dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
    this.caPem = readFileSync(cert, 'utf8');
    const conf = `
global(workDirectory="${this.dir}" maxMessageSize="256k" parser.escapeControlCharactersOnReceive="off"
       defaultNetstreamDriverCAFile="${cert}" defaultNetstreamDriverCertFile="${cert}" defaultNetstreamDriverKeyFile="${key}")
module(load="imtcp" maxSessions="50")
module(load="imudp")
input(type="imtcp" address="127.0.0.1" port="${this.tcpPort}" name="tcp")
input(type="imtcp" address="127.0.0.1" port="${this.tlsPort}" name="tls" streamDriver.name="ossl" streamDriver.mode="1" streamDriver.authMode="anon")
input(type="imudp" address="127.0.0.1" port="${this.udpPort}" name="udp")
template(name="fields" type="string" string="%pri%\\t%hostname%\\t%app-name%\\t%msgid%\\t%structured-data%\\t%inputname%\\t%msg%\\n")
action(type="omfile" file="${this.outFile}" template="fields" flushOnTXEnd="on" asyncWriting="off")
`;
    writeFileSync(join(this.dir, 'rsyslog.conf'), conf);
  }

  /** Stops rsyslogd (SIGTERM) and waits for it to exit: an outage. */
  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  received(): Received[] {
    if (!existsSync(this.outFile)) return [];
    return readFileSync(this.outFile, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((line) => {
        const [pri, hostname, appName, msgId, structuredData, input, ...rest] = line.split('\t');
        return { pri: Number(pri), hostname: hostname!, appName: appName!, msgId: msgId!, structuredData: structuredData!, input: input!, msg: rest.join('\t').replace(/^ /, '') };
      });
  }

  /** Waits until at least `n` messages are in the file (rsyslog writes asynchronously to its queue). */
  async waitFor(n: number, timeoutMs = 5_000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lines = this.received();
      if (lines.length >= n || Date.now() > deadline) return lines;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

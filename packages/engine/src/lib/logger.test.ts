import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Secret } from '@patchbay/types';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger({ level: 'debug', destination }), text: () => lines.join('') };
}

describe('logger redaction', () => {
  it('never prints authorization headers, secret-named fields or Secret values', () => {
    const { log, text } = capture();
    log.info({ req: { headers: { authorization: 'Bearer pbt_canary_header' } } }, 'request');
    log.info({ body: { password: 'canary-password', client_secret: 'canary-client-secret', api_key: 'canary-api-key' } }, 'body');
    log.info({ credentials: { token: 'canary-token' } }, 'creds');
    log.info({ value: new Secret('canary-secret-value') }, 'secret');
    const out = text();
    for (const canary of ['pbt_canary_header', 'canary-password', 'canary-client-secret', 'canary-api-key', 'canary-token', 'canary-secret-value']) {
      expect(out).not.toContain(canary);
    }
    expect(out).toContain('[REDACTED]');
  });
});

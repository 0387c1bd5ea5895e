import { BlockList, isIP } from 'node:net';
import { PatchbayError } from '@patchbay/types';
import { hmacSha256, safeEqual, secretKey } from '../signing.ts';

/** The verification an instance uses (the connector's declaration, or the instance's own choice). */
export type InboundVerification =
  | { readonly kind: 'standard-webhooks' }
  | { readonly kind: 'github' }
  | { readonly kind: 'hmac-sha256'; readonly header: string; readonly encoding: 'hex' | 'base64'; readonly prefix?: string }
  | { readonly kind: 'slack' }
  | { readonly kind: 'bearer'; readonly header?: string }
  | { readonly kind: 'none' };

export interface VerifyInput {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: Buffer;
  readonly nowMs: number;
  readonly toleranceSeconds: number;
}

/** What verification learnt: the sender's message id when the scheme has one (for replay refusal). */
export interface Verified {
  readonly messageId: string | null;
}

const header = (h: VerifyInput['headers'], name: string): string | undefined => {
  const v = h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

const bad = (message: string) => new PatchbayError('WEBHOOK_SIGNATURE_INVALID', { message });

function checkTimestamp(seconds: number, input: VerifyInput): void {
  if (!Number.isFinite(seconds) || Math.abs(input.nowMs / 1000 - seconds) > input.toleranceSeconds) {
    throw new PatchbayError('WEBHOOK_TIMESTAMP_STALE', { message: `The webhook timestamp is more than ${input.toleranceSeconds} s away from the hub's clock` });
  }
}

/** Verifies a request against the instance's scheme and secret; throws a coded PatchbayError on failure. */
export function verifyInbound(v: InboundVerification, secret: string | null, input: VerifyInput): Verified {
  const h = input.headers;
  if (v.kind !== 'none' && !secret) throw bad('The instance has no webhook secret');
  switch (v.kind) {
    case 'standard-webhooks': {
      const id = header(h, 'webhook-id');
      const ts = header(h, 'webhook-timestamp');
      const sigs = header(h, 'webhook-signature');
      if (!id || !ts || !sigs) throw bad('webhook-id, webhook-timestamp and webhook-signature are required');
      checkTimestamp(Number(ts), input);
      const expected = hmacSha256(secretKey(secret!), Buffer.concat([Buffer.from(`${id}.${ts}.`), input.rawBody]), 'base64');
      const ok = sigs.split(' ').some((s) => {
        const [version, value] = s.split(',', 2);
        return version === 'v1' && value !== undefined && safeEqual(value, expected);
      });
      if (!ok) throw bad('No webhook-signature matches');
      return { messageId: id };
    }
    case 'github': {
      const sig = header(h, 'x-hub-signature-256');
      if (!sig) throw bad('X-Hub-Signature-256 is required');
      if (!safeEqual(sig, 'sha256=' + hmacSha256(secret!, input.rawBody, 'hex'))) throw bad('X-Hub-Signature-256 does not match');
      return { messageId: header(h, 'x-github-delivery') ?? null };
    }
    case 'hmac-sha256': {
      const sig = header(h, v.header);
      if (!sig) throw bad(`${v.header} is required`);
      const expected = (v.prefix ?? '') + hmacSha256(secret!, input.rawBody, v.encoding);
      if (!safeEqual(v.encoding === 'hex' ? sig.toLowerCase() : sig, expected)) throw bad(`${v.header} does not match`);
      return { messageId: header(h, 'x-request-id') ?? header(h, 'webhook-id') ?? null };
    }
    case 'slack': {
      const ts = header(h, 'x-slack-request-timestamp');
      const sig = header(h, 'x-slack-signature');
      if (!ts || !sig) throw bad('X-Slack-Request-Timestamp and X-Slack-Signature are required');
      checkTimestamp(Number(ts), input);
      const expected = 'v0=' + hmacSha256(secret!, Buffer.concat([Buffer.from(`v0:${ts}:`), input.rawBody]), 'hex');
      if (!safeEqual(sig, expected)) throw bad('X-Slack-Signature does not match');
      return { messageId: `${ts}:${sig.slice(3, 35)}` };
    }
    case 'bearer': {
      const name = v.header ?? 'authorization';
      const given = header(h, name) ?? '';
      const token = name.toLowerCase() === 'authorization' ? given.replace(/^Bearer\s+/i, '') : given;
      if (!safeEqual(token, secret!)) throw bad(`The token in ${name} does not match`);
      return { messageId: null };
    }
    case 'none':
      return { messageId: null };
  }
}

/** An allow-list of addresses and CIDR ranges (empty: everyone). */
export function compileAllowList(ranges: readonly string[]): ((ip: string) => boolean) | null {
  if (ranges.length === 0) return null;
  const list = new BlockList();
  for (const r of ranges) {
    const [addr, bits] = r.split('/');
    const family = isIP(addr!) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(addr!, family);
    else list.addSubnet(addr!, Number(bits), family);
  }
  return (ip) => {
    const plain = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
    return list.check(plain, isIP(plain) === 6 ? 'ipv6' : 'ipv4');
  };
}

import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '@patchbay/types';
import { failure, type Answer } from '../answer.ts';

/** Falcon tokens live 30 minutes; /oauth2/token says 1799 seconds. */
export const TOKEN_LIFETIME_S = 1799;

export interface TokenEndpointOptions {
  /** Known API clients (client id → secret); when absent any non-empty pair is accepted. */
  readonly clients?: Readonly<Record<string, string>>;
  /** Status of a successful token answer: 201 as CrowdStrike documents it (see the README about 200). */
  readonly tokenStatus?: 200 | 201;
}

function clientOf(headers: IncomingHttpHeaders, form: URLSearchParams): { id: string; secret: string } | undefined {
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  if (id && secret) return { id, secret };
  // The engine's vault authenticates with HTTP Basic unless told otherwise; accepted as well.
  const basic = /^Basic (\S+)$/.exec(headers.authorization ?? '')?.[1];
  if (!basic) return undefined;
  const [user, pass] = Buffer.from(basic, 'base64').toString('utf8').split(':', 2).map((v) => decodeURIComponent(v ?? ''));
  return user && pass ? { id: user, secret: pass } : undefined;
}

/** Tokens the simulated gateway issued or revoked; unknown well-formed bearer tokens are accepted (the conformance suite brings its own). */
export class TokenRegistry {
  readonly #clock: Clock;
  readonly #issued = new Map<string, number>();
  readonly #revoked = new Set<string>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  issue(): { token: string; expiresIn: number } {
    const token = randomBytes(24).toString('base64url');
    this.#issued.set(token, this.#clock.now().getTime() + TOKEN_LIFETIME_S * 1000);
    return { token, expiresIn: TOKEN_LIFETIME_S };
  }

  revoke(token: string): void {
    this.#revoked.add(token);
  }

  accepts(token: string | undefined): token is string {
    if (token === undefined || this.#revoked.has(token)) return false;
    const expires = this.#issued.get(token);
    return expires === undefined || expires > this.#clock.now().getTime();
  }
}

/**
 * POST /oauth2/token (https://developer.crowdstrike.com/api-reference/collections/oauth2/#oauth2accesstoken):
 * form fields client_id and client_secret (member_cid optional); answers 201 with
 * { access_token, token_type: "bearer", expires_in: 1799 }. Missing credentials: 400; unknown: 403.
 */
export function issueToken(headers: IncomingHttpHeaders, rawBody: string, registry: TokenRegistry, options: TokenEndpointOptions): Answer {
  const form = new URLSearchParams(rawBody);
  const client = clientOf(headers, form);
  if (!client) return failure(400, 'client_id and client_secret are required');
  if (options.clients && options.clients[client.id] !== client.secret) return failure(403, 'access denied, invalid client');
  const { token, expiresIn } = registry.issue();
  return { status: options.tokenStatus ?? 201, body: { access_token: token, token_type: 'bearer', expires_in: expiresIn } };
}

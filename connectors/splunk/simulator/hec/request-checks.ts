import type { IncomingMessage } from 'node:http';
import { HecRefusal } from './hec-answers.ts';
import type { HecToken } from './receiver.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The token of a request: `Authorization: Splunk <token>`, or basic authentication with the token as
 * password ("Format events for HTTP Event Collector", "HEC token"). Refuses a missing header (2) and
 * any other form (3).
 */
function tokenOf(request: IncomingMessage): string {
  const header = request.headers.authorization;
  if (header === undefined || header.trim() === '') throw new HecRefusal('tokenRequired');
  const splunk = /^Splunk\s+(\S+)$/i.exec(header.trim());
  if (splunk) return splunk[1]!;
  const basic = /^Basic\s+(\S+)$/i.exec(header.trim());
  const password = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(':').slice(1).join(':') : '';
  if (password) return password;
  throw new HecRefusal('invalidAuthorization');
}

/** The configured token of a request: unknown (4) and disabled (1) tokens are refused. */
export function tokenFor(tokens: readonly HecToken[], request: IncomingMessage): HecToken {
  const value = tokenOf(request);
  const token = tokens.find((t) => t.value === value);
  if (!token) throw new HecRefusal('invalidToken');
  if (token.disabled) throw new HecRefusal('tokenDisabled');
  return token;
}

/**
 * The request's channel (`X-Splunk-Request-Channel`, or the `channel` query parameter): a GUID (else 11),
 * and required by tokens with indexer acknowledgement (10).
 */
export function channelOf(request: IncomingMessage, url: URL, token: HecToken): string | undefined {
  const header = request.headers['x-splunk-request-channel'];
  const channel = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('channel') ?? undefined;
  if (channel !== undefined && !GUID.test(channel)) throw new HecRefusal('invalidChannel');
  if (channel === undefined && token.ack) throw new HecRefusal('channelMissing');
  return channel;
}

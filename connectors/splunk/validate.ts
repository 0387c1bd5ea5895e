import type { ConnectorContext, ValidateResult } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { hecUrlOf, type SplunkConfig } from './config.ts';
import { channelOf } from './hec/channel.ts';
import { asSendFailure, hecError, parseHecAnswer } from './hec/hec-errors.ts';

/**
 * The REST door: `GET /services/authentication/current-context` names the user the token belongs to,
 * with its roles and capabilities (REST API Reference, "Access endpoint descriptions").
 */
async function checkRest(ctx: ConnectorContext<SplunkConfig>): Promise<Record<string, unknown>> {
  const response = await ctx.http.get<{ entry?: { content?: { username?: unknown; roles?: unknown; capabilities?: unknown } }[] }>('/services/authentication/current-context', {
    query: { output_mode: 'json' },
    operation: 'current-context',
  });
  const content = response.body?.entry?.[0]?.content;
  const capabilities = Array.isArray(content?.capabilities) ? (content.capabilities as string[]) : [];
  if (!capabilities.includes('search')) {
    throw new PatchbayError('VENDOR_PERMISSION_DENIED', {
      message: `The Splunk user ${String(content?.username ?? '(unknown)')} of this token lacks the search capability, which the notable-events stream needs`,
      hint: 'Give the user a role with the search capability and the notable index (Enterprise Security\'s ess_analyst, say).',
    });
  }
  return { user: content?.username ?? null, roles: Array.isArray(content?.roles) ? content.roles : [] };
}

/**
 * The HEC door: a request without events. HEC checks the token before the body and answers
 * `{"text":"No data","code":5}` to a valid token, so nothing is indexed; an unknown, disabled or missing
 * token gets its own code (hec-errors.ts).
 */
async function checkHec(ctx: ConnectorContext<SplunkConfig>): Promise<Record<string, unknown>> {
  const hecUrl = hecUrlOf(ctx.config);
  const host = new URL(hecUrl).host;
  let response;
  try {
    response = await ctx.http.post<string>(`${hecUrl}/services/collector/event`, '', {
      headers: { 'content-type': 'application/json', 'x-splunk-request-channel': channelOf(ctx) },
      responseType: 'text',
      acceptStatus: [400, 401, 403, 404],
      operation: 'hec-check',
    });
  } catch (error) {
    throw asSendFailure(error, host);
  }
  const answer = parseHecAnswer(response.body);
  if (!(response.status === 400 && answer.code === 5)) throw hecError(response.status, answer, { call: 'send', host });
  return { hec: host };
}

/** Test connection: each configured door with the instance's credential. */
export async function validateSplunk(ctx: ConnectorContext<SplunkConfig>): Promise<ValidateResult> {
  if (ctx.config.base_url === undefined && ctx.config.hec_url === undefined) {
    throw new PatchbayError('CONFIG_INVALID', {
      field: 'configuration',
      message: 'This Splunk instance has neither base_url (REST API, for notable events) nor hec_url (HTTP Event Collector, for a destination)',
      hint: 'Set base_url with an authentication token, or hec_url with a HEC token.',
    });
  }
  const details: Record<string, unknown> = {};
  if (ctx.config.base_url !== undefined) Object.assign(details, await checkRest(ctx));
  if (ctx.config.hec_url !== undefined) Object.assign(details, await checkHec(ctx));
  return { ok: true, details };
}

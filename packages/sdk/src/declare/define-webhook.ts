import { freezeData } from './freeze.ts';
import { isIpOrCidr } from './ip-ranges.ts';
import { DeclarationIssues } from './issues.ts';
import { KEBAB_CASE } from './names.ts';
import type { WebhookDeclaration, WebhookDefinition, WebhookVerificationKind } from './webhook-types.ts';

export const webhookVerificationKinds = [
  'standard-webhooks',
  'github',
  'hmac-sha256',
  'slack',
  'bearer',
  'none',
] as const satisfies readonly WebhookVerificationKind[];

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const EVENT_TYPE = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;

function checkVerification(issues: DeclarationIssues, field: string, webhook: WebhookDeclaration<never>): void {
  const verification: unknown = webhook.verification;
  const kind = (verification as { kind?: unknown } | undefined)?.kind;
  if (!(webhookVerificationKinds as readonly unknown[]).includes(kind)) {
    issues.add(`${field}.verification.kind`, `must be one of ${webhookVerificationKinds.join(', ')}`);
    return;
  }
  const v = webhook.verification;
  if (v.kind === 'hmac-sha256') {
    if (typeof v.header !== 'string' || !HEADER_NAME.test(v.header)) issues.add(`${field}.verification.header`, 'must be an HTTP header name');
    if (v.encoding !== 'hex' && v.encoding !== 'base64') issues.add(`${field}.verification.encoding`, 'must be hex or base64');
    if (v.prefix !== undefined && (typeof v.prefix !== 'string' || v.prefix === '')) {
      issues.add(`${field}.verification.prefix`, 'must be a non-empty string such as "sha256=" when given');
    }
  }
  if (v.kind === 'bearer' && v.header !== undefined && !HEADER_NAME.test(v.header)) {
    issues.add(`${field}.verification.header`, 'must be an HTTP header name');
  }
  if (v.kind === 'none' && webhook.secretSource !== undefined) {
    issues.add(`${field}.secretSource`, 'verification "none" uses no secret');
  }
  if (v.kind === 'none' && (webhook.ipAllowList ?? []).length === 0) {
    issues.add(`${field}.ipAllowList`, 'an unverified webhook needs an IP allow-list', 'Use a signature scheme the vendor supports, or list its source ranges.');
  }
}

/** Records every problem in a webhook declaration under `field`. */
export function checkWebhook(issues: DeclarationIssues, field: string, webhook: WebhookDeclaration<never>): void {
  checkVerification(issues, field, webhook);
  if (webhook.secretSource !== undefined && webhook.secretSource !== 'generated' && webhook.secretSource !== 'vendor') {
    issues.add(`${field}.secretSource`, 'must be generated or vendor');
  }
  (webhook.ipAllowList ?? []).forEach((range, index) => {
    if (!isIpOrCidr(range)) issues.add(`${field}.ipAllowList[${index}]`, `${JSON.stringify(range)} is not an IP address or CIDR range`);
  });
  if (!Array.isArray(webhook.streams)) issues.add(`${field}.streams`, 'must list the stream names the handler feeds (may be empty)');
  (Array.isArray(webhook.streams) ? webhook.streams : []).forEach((name, index) => {
    if (typeof name !== 'string' || !KEBAB_CASE.test(name)) issues.add(`${field}.streams[${index}]`, 'must be a stream name');
  });
  (webhook.events ?? []).forEach((type, index) => {
    if (typeof type !== 'string' || !EVENT_TYPE.test(type)) {
      issues.add(`${field}.events[${index}]`, `${JSON.stringify(type)} is not an event type`, 'Use lowercase dotted names like "incident.updated".');
    }
  });
  if ((webhook.streams?.length ?? 0) === 0 && (webhook.events?.length ?? 0) === 0) {
    issues.add(field, 'produces nothing', 'List the streams it feeds or the events it raises.');
  }
  if (typeof webhook.handle !== 'function') issues.add(`${field}.handle`, 'must be a function');
}

/** Who holds the signing secret first; Slack hands out its own, the other schemes take ours. */
export function webhookSecretSource(webhook: WebhookDeclaration<never>): 'generated' | 'vendor' | null {
  if (webhook.verification.kind === 'none') return null;
  return webhook.secretSource ?? (webhook.verification.kind === 'slack' ? 'vendor' : 'generated');
}

/** Declares how inbound vendor calls are verified and turned into records or events. */
export function defineWebhook<Config = Record<string, unknown>>(declaration: WebhookDeclaration<Config>): WebhookDefinition<Config> {
  const issues = new DeclarationIssues('webhook');
  checkWebhook(issues, 'webhook', declaration);
  issues.throwIfAny();
  return freezeData({ ...declaration, kind: 'webhook' as const });
}

import type { AuthMethod } from '@patchbay/sdk';
import type { PagerDutyConfig } from './config.ts';

/**
 * One secret: a REST API key, sent as `Authorization: Token token=<key>`
 * (https://github.com/PagerDuty/developer-docs/blob/main/docs/REST-API/02-Authentication.md). The Events API v2 routing key is
 * not a second credential: the connector reads it from the configured service's Events API v2
 * integration through the REST API when it sends an event (README "Authentication" says why).
 */
export const pagerDutyAuth: readonly AuthMethod<PagerDutyConfig>[] = [
  {
    type: 'api_key',
    label: 'REST API key',
    description: 'A PagerDuty REST API key (account key, or a user key acting as that user), sent as Authorization: Token token=<key>.',
    in: 'header',
    name: 'Authorization',
    format: 'Token token={api_key}',
    fields: {
      api_key: {
        label: 'REST API key',
        help: 'PagerDuty → Integrations → API Access Keys → Create New API Key (an account administrator creates it; do not tick "Read-only" when Patchbay opens tickets).',
      },
    },
  },
];

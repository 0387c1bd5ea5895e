import type { AuthMethod } from '@patchbay/sdk';
import type { SplunkConfig } from './config.ts';

/**
 * Splunk has two kinds of token, for two doors, and neither opens the other:
 *
 * - an **authentication token** (a JWT) for the REST API on the management port, sent as
 *   `Authorization: Bearer <token>` ("Use authentication tokens",
 *   https://docs.splunk.com/Documentation/Splunk/latest/Security/UseAuthTokens);
 * - a **HEC token** (a GUID) for the HTTP Event Collector, sent as `Authorization: Splunk <token>`
 *   ("Format events for HTTP Event Collector", section "HEC token",
 *   https://docs.splunk.com/Documentation/Splunk/latest/Data/FormateventsforHTTPEventCollector).
 *
 * The vault holds one credential per instance and puts it on every request, so an instance holds the
 * token for what it does: the bearer method for an instance that streams notable events (base_url), the
 * api_key method for an instance used as a destination (hec_url). See the README, "Authentication".
 */
export const splunkAuth: readonly AuthMethod<SplunkConfig>[] = [
  {
    type: 'bearer',
    label: 'Authentication token (REST API, notable events)',
    description: 'A Splunk authentication token of a user allowed to search the notable index; sent as Authorization: Bearer on the management port.',
    fields: {
      token: { label: 'Authentication token', help: 'Splunk Web → Settings → Tokens → New Token (token authentication must be enabled). The user needs the search capability and the notable index (an ES analyst role).' },
    },
  },
  {
    type: 'api_key',
    label: 'HEC token (destination)',
    description: 'An HTTP Event Collector token; sent as Authorization: Splunk <token> to the collector.',
    in: 'header',
    name: 'Authorization',
    format: 'Splunk {hec_token}',
    fields: {
      hec_token: { label: 'HEC token', help: 'Splunk Web → Settings → Data inputs → HTTP Event Collector → New Token (enable indexer acknowledgement on it to use use_ack); Splunk Cloud: the same page of your stack.' },
    },
  },
];

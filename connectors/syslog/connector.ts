import { defineConnector } from '@patchbay/sdk';
import { syslogConfig } from './config.ts';
import { openConnection } from './connection.ts';

/**
 * Syslog destination: forwards Patchbay events to any syslog receiver (rsyslog, syslog-ng, a SIEM's
 * collector) over TCP with octet-counting framing (RFC 6587), TLS (RFC 5425) or UDP (RFC 5426), in CEF,
 * LEEF 2.0 or RFC 5424 with the OCSF JSON as MSG. See README.md.
 */
export default defineConnector({
  id: 'syslog',
  name: 'Syslog',
  vendor: 'IETF',
  category: 'siem',
  version: '1.0.0',
  description: 'Forwards events to a syslog receiver over TCP (octet counting), TLS or UDP, as CEF, LEEF 2.0 or RFC 5424 messages.',
  features: ['TCP with RFC 6587 octet-counting framing', 'TLS with a custom CA', 'UDP datagrams', 'CEF, LEEF 2.0 and RFC 5424 with OCSF JSON', 'One connection kept between batches'],
  icon: '📜',
  docsUrl: 'https://github.com/patchbay/patchbay/tree/main/connectors/syslog',
  auth: [],
  config: syslogConfig,
  capabilities: ['destination'],
  allowedHosts: [{ fromConfig: 'host' }],
  minPlatformVersion: '0.1.0',
  destination: {
    formats: ['rfc5424', 'cef', 'leef', 'jsonata'],
    maxBatchEvents: 500,
    connect: openConnection,
  },
});

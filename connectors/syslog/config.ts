import { z } from 'zod';

/** Where and how to send: the receiver, the transport, the framing and the header of each message. */
export const syslogConfig = z.object({
  host: z.string().min(1).max(253).describe('Host name or address of the syslog receiver'),
  port: z.number().int().min(1).max(65_535).optional().describe('Receiver port (default 514 for TCP and UDP, 6514 for TLS)'),
  protocol: z.enum(['tcp', 'tls', 'udp']).default('tcp').describe('TCP (RFC 6587), TLS (RFC 5425) or UDP (RFC 5426)'),
  framing: z
    .enum(['octet-counting', 'non-transparent'])
    .default('octet-counting')
    .describe('TCP/TLS framing (RFC 6587 section 3.4): "MSG-LEN SP MSG" (default), or a newline after each message for old receivers'),
  app_name: z.string().min(1).max(48).default('patchbay').describe('RFC 5424 APP-NAME of CEF and LEEF messages'),
  facility: z.number().int().min(0).max(23).default(16).describe('Syslog facility of CEF and LEEF messages (16: local0)'),
  hostname: z.string().min(1).max(255).optional().describe('RFC 5424 HOSTNAME of CEF and LEEF messages (default: this host)'),
  ca_pem: z.string().max(100_000).optional().describe('TLS: PEM certificates of the CA that signed the receiver (default: the system CAs)'),
  server_name: z.string().max(253).optional().describe('TLS: the name the receiver certificate must carry (default: host)'),
  max_message_bytes: z.number().int().min(480).max(1_048_576).default(65_536).describe('Longest message sent; a longer one fails its batch (UDP is capped at 65,507 bytes)'),
  timeout_ms: z.number().int().min(100).max(120_000).default(10_000).describe('Connect and write timeout'),
});

export type SyslogConfig = z.output<typeof syslogConfig>;

export function portOf(config: SyslogConfig): number {
  return config.port ?? (config.protocol === 'tls' ? 6514 : 514);
}

import pino, { type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/**
 * Paths pino blanks in every log line. Secrets are also wrapped in `Secret`, which prints `[REDACTED]`
 * on its own; these paths catch raw values that arrive through headers and bodies.
 */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-apikeys"]',
  'headers.authorization',
  '*.password',
  '*.token',
  '*.secret',
  '*.client_secret',
  '*.api_key',
  '*.access_token',
  '*.refresh_token',
  '*.private_key_pem',
  '*.secret_access_key',
  'credentials',
  '*.credentials',
];

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.PATCHBAY_LOG_LEVEL ?? 'info',
      base: { service: 'patchbay' },
      redact: { paths: redactPaths, censor: '[REDACTED]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}

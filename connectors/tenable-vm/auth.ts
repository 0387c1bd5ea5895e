import type { AuthMethod } from '@patchbay/sdk';
import type { TenableConfig } from './config.ts';

/**
 * Tenable's API keys: an access key and a secret key sent together in the X-ApiKeys header as
 * `accessKey=...; secretKey=...;` (https://developer.tenable.com/docs/authorization).
 */
export const tenableAuth: readonly AuthMethod<TenableConfig>[] = [
  {
    type: 'api_key',
    label: 'API keys',
    description: 'The access key and secret key of a Tenable Vulnerability Management user, sent in the X-ApiKeys header.',
    in: 'header',
    name: 'X-ApiKeys',
    format: 'accessKey={access_key}; secretKey={secret_key};',
    fields: {
      access_key: {
        label: 'Access key',
        help: 'Tenable Vulnerability Management → Settings → My Account → API Keys → Generate (or an administrator: Settings → Access Control → Users → the user → API Keys). Use a dedicated API user.',
      },
      secret_key: { label: 'Secret key', help: 'Shown once, next to the access key, when the keys are generated.' },
    },
  },
];

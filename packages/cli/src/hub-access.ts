import { PatchbayError } from '@patchbay/types';
import { hubClient, type HubClient } from './hub-client.ts';
import { openHub, type OpenHub } from './open-hub.ts';
import type { RuntimeConfig } from './runtime-config.ts';

export type HubAccess = { readonly mode: 'http'; readonly client: HubClient } | { readonly mode: 'direct'; readonly hub: OpenHub };

/**
 * Commands that act on a hub go through its HTTP API when PATCHBAY_URL is set; otherwise they open the
 * data folder (or DATABASE_URL) directly. A folder held by a running hub is a conflict that says what to do.
 */
export async function accessHub(config: RuntimeConfig): Promise<HubAccess> {
  if (config.hubUrl) {
    if (!config.hubToken) {
      throw new PatchbayError('UNAUTHENTICATED', { message: 'PATCHBAY_URL is set but PATCHBAY_TOKEN is not', hint: 'Export PATCHBAY_TOKEN with an API token for that hub.' });
    }
    return { mode: 'http', client: hubClient(config.hubUrl, config.hubToken) };
  }
  try {
    return { mode: 'direct', hub: await openHub(config) };
  } catch (error) {
    if (error instanceof PatchbayError && error.code === 'DATA_DIR_LOCKED') {
      throw new PatchbayError('DATA_DIR_LOCKED', {
        message: error.message,
        hint: 'A hub is running on this folder: set PATCHBAY_URL (e.g. http://127.0.0.1:8080) and PATCHBAY_TOKEN to go through its API.',
        details: error.details,
      });
    }
    throw error;
  }
}

import type { Database } from '@patchbay/store';
import type { Clock } from '@patchbay/types';
import type { Logger } from './logger.ts';

/** What every service needs; built once by `createEngine` and passed down. */
export interface EngineDeps {
  readonly database: Database;
  readonly clock: Clock;
  readonly log: Logger;
}

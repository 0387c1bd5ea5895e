import { toEpochMs } from '@patchbay/sdk';

/** Epoch ms of a Tenable ISO 8601 time (Tenable writes them in UTC with a `Z`); undefined when absent. */
export function msOf(value: string | null | undefined, field: string): number | undefined {
  return value === undefined || value === null || value === '' ? undefined : toEpochMs(value, field);
}

/** Epoch ms of a Tenable Unix time in seconds (the scans API's `creation_date`, `last_modification_date`). */
export function msOfSeconds(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value * 1000 : undefined;
}

/** The later of several times, ignoring absent ones. */
export function latest(...values: readonly (number | undefined)[]): number | undefined {
  const present = values.filter((v): v is number => v !== undefined);
  return present.length === 0 ? undefined : Math.max(...present);
}

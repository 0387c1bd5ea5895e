import { join, resolve } from 'node:path';

/** The checkout this CLI runs from: its `connectors/`, `node_modules/` and shared configs. */
export const checkoutRoot = resolve(new URL('../../../../', import.meta.url).pathname);

export const checkoutPath = (...parts: string[]): string => join(checkoutRoot, ...parts);

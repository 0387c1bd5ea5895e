import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyConnector } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';

/** Imports `<connectorsDir>/<id>/connector.ts` and checks that its default export is that connector. */
export async function loadConnector(connectorsDir: string, id: string): Promise<AnyConnector> {
  const file = join(connectorsDir, id, 'connector.ts');
  if (!existsSync(file)) {
    throw new PatchbayError('CONNECTOR_NOT_FOUND', { field: 'id', message: `${file} does not exist`, hint: 'Check the id, or point --dir at the folder that holds the connector folders.' });
  }
  const module = (await import(pathToFileURL(file).href)) as { default?: Partial<AnyConnector> };
  const connector = module.default;
  if (connector?.kind !== 'connector' || connector.id !== id) {
    throw new PatchbayError('CONNECTOR_SPEC_INVALID', {
      field: 'id',
      message: `${file} must end in export default defineConnector({ id: '${id}', ... })`,
    });
  }
  return connector as AnyConnector;
}

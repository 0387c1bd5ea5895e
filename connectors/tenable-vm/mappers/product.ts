import { ocsfVersion } from '@patchbay/ocsf';

/** `metadata` common to every record of this connector. */
export function metadataOf(uid: string, extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return { version: ocsfVersion, uid, product: { name: 'Tenable Vulnerability Management', vendor_name: 'Tenable' }, ...extra };
}

import { readPath } from '@patchbay/sdk';
import type { HttpJsonConfig } from '../config.ts';

/** The instance settings the mapper needs. Mappers receive no configuration, so each item carries them. */
export interface MappingSettings {
  readonly ocsf_class: HttpJsonConfig['ocsf_class'];
  readonly id_field: string;
  readonly cursor_field?: string;
  readonly field_map: HttpJsonConfig['field_map'];
  readonly severity_map: HttpJsonConfig['severity_map'];
  readonly product_name: string;
  readonly vendor_name: string;
}

/**
 * What the streams yield for each record of the API: its id (read with `id_field`), the record exactly
 * as received, and the mapping settings of the instance.
 */
export interface HttpJsonItem {
  readonly id: string;
  readonly record: unknown;
  readonly mapping: MappingSettings;
}

export function mappingOf(config: HttpJsonConfig): MappingSettings {
  return {
    ocsf_class: config.ocsf_class,
    id_field: config.id_field,
    ...(config.cursor_field !== undefined ? { cursor_field: config.cursor_field } : {}),
    field_map: config.field_map,
    severity_map: config.severity_map,
    product_name: config.product_name,
    vendor_name: config.vendor_name,
  };
}

/** The record's id as text; empty when it has none (the engine then keeps the record as rejected, with the reason). */
export function idOf(record: unknown, idField: string): string {
  const value = readPath(record, idField);
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) ? String(value) : '';
}

export function toItem(record: unknown, mapping: MappingSettings): HttpJsonItem {
  return { id: idOf(record, mapping.id_field), record, mapping };
}

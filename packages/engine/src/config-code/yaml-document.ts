import { parseDocument, stringify } from 'yaml';
import { PatchbayError } from '@patchbay/types';

const HEADER = '# Patchbay configuration (patchbay export). Credentials are named references: create them in the vault before importing.\n';

/** The document as YAML: keys in the order they were built, no anchors or aliases, so equal documents are equal text. */
export function toYaml(document: unknown): string {
  return HEADER + stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 });
}

/** Parses YAML (or JSON, which YAML includes); a syntax error is CONFIG_IMPORT_INVALID naming the position. */
export function fromYaml(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const errors = doc.errors.map((e) => ({ field: `line ${e.linePos?.[0]?.line ?? '?'}`, message: e.code }));
    throw new PatchbayError('CONFIG_IMPORT_INVALID', { field: 'body', message: `The document is not valid YAML (${errors[0]!.field}: ${errors[0]!.message})`, details: { errors } });
  }
  try {
    return doc.toJS({ maxAliasCount: 0 }) as unknown;
  } catch {
    throw new PatchbayError('CONFIG_IMPORT_INVALID', { field: 'body', message: 'The document uses YAML anchors or aliases, which an import does not accept', hint: 'Write each value out in full (patchbay export never writes aliases).', details: { errors: [{ field: 'body', message: 'anchors and aliases are not accepted' }] } });
  }
}

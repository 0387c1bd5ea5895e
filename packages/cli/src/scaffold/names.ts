import { InvalidArgumentError } from 'commander';

/** Lowercase kebab-case, as `defineConnector` checks ids and stream names. */
const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MAX_ID = 64;

/** Commander argument parser: a connector id (`acme-edr`) or a usage error saying what is wrong. */
export function parseKebabName(what: string) {
  return (value: string): string => {
    if (!KEBAB_CASE.test(value) || value.length > MAX_ID) {
      throw new InvalidArgumentError(`${what} must be lowercase kebab-case of at most ${MAX_ID} characters, like "acme-edr"`);
    }
    return value;
  };
}

const words = (kebab: string) => kebab.split('-');
const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export const pascalCase = (kebab: string): string => words(kebab).map(capital).join('');
export const camelCase = (kebab: string): string => {
  const pascal = pascalCase(kebab);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
};
/** `acme-edr` -> `Acme Edr`: a starting point the author corrects (`--name "Acme EDR"`). */
export const titleCase = (kebab: string): string => words(kebab).map(capital).join(' ');

/**
 * The singular of a stream's plural noun for its record type and mapper (`alerts` -> `alert`,
 * `vulnerabilities` -> `vulnerability`); anything it cannot tell stays as it is (`--record` overrides).
 */
export function singular(plural: string): string {
  if (/[^aeiou]ies$/.test(plural)) return `${plural.slice(0, -3)}y`;
  if (/(?:ss|us|is)$/.test(plural) || !plural.endsWith('s')) return plural;
  if (/(?:sses|xes|ches|shes)$/.test(plural)) return plural.slice(0, -2);
  return plural.slice(0, -1);
}

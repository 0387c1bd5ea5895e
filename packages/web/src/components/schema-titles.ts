type Schema = Record<string, unknown>;

/**
 * Gives each oneOf/anyOf option a title (its `const` discriminator and description) so the chooser lists
 * "cursor: Opaque next-page token…" rather than "Option 2"; drops `$schema` (Ajv knows the dialect).
 */
export function titledOptions(schema: Schema): Schema {
  const { $schema: _dialect, ...rest } = schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(rest)) {
    if ((key === 'oneOf' || key === 'anyOf') && Array.isArray(value)) {
      out[key] = value.map((option: Schema) => {
        const titled = titledOptions(option);
        if (titled.title) return titled;
        const props = (option.properties ?? {}) as Record<string, Schema>;
        const discriminator = Object.values(props).find((p) => p.const !== undefined)?.const;
        const title = [discriminator, option.description].filter((x) => x !== undefined).join(': ');
        return title ? { ...titled, title } : titled;
      });
    } else if (key === 'properties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([name, p]) => [name, titledOptions(p)]));
    } else if ((key === 'items' || key === 'additionalProperties') && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = titledOptions(value as Schema);
    } else out[key] = value;
  }
  return out;
}

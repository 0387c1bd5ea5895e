import { hostname } from 'node:os';
import type { DestinationFormat } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { formatCef } from './cef.ts';
import type { FormatInput, FormatOptions, Rendered } from './format-input.ts';
import { compileTemplate } from './jsonata-template.ts';
import { formatLeef } from './leef.ts';
import { formatOcsfJson } from './ocsf-json.ts';
import { formatRfc5424 } from './rfc5424.ts';
import { formatSplunkHec } from './splunk-hec.ts';

export type { FormatInput, FormatOptions, Rendered } from './format-input.ts';
export type Formatter = (input: FormatInput) => Rendered | Promise<Rendered>;

/** Checks a destination's format options (a template that does not compile is a 400). */
export function checkFormat(format: DestinationFormat, options: FormatOptions): void {
  if (format === 'jsonata') {
    if (typeof options.template !== 'string' || options.template.trim() === '') throw new PatchbayError('VALIDATION_FAILED', { field: 'format_options.template', message: 'The jsonata format needs a template' });
    compileTemplate(options.template);
  }
  if (options.facility !== undefined && !(Number.isInteger(options.facility) && options.facility >= 0 && options.facility <= 23)) throw new PatchbayError('VALIDATION_FAILED', { field: 'format_options.facility', message: 'must be a syslog facility from 0 to 23' });
  if (options.leef_delimiter !== undefined && [...options.leef_delimiter].length !== 1) throw new PatchbayError('VALIDATION_FAILED', { field: 'format_options.leef_delimiter', message: 'must be one character' });
}

/** The pure renderer of a format with its options (compiled once per destination). */
export function createFormatter(format: DestinationFormat, raw: FormatOptions = {}): Formatter {
  const options: FormatOptions = { hostname: hostname(), ...raw };
  switch (format) {
    case 'ocsf-json':
      return formatOcsfJson;
    case 'splunk-hec':
      return (input) => formatSplunkHec(input, options);
    case 'cef':
      return formatCef;
    case 'leef':
      return (input) => formatLeef(input, options);
    case 'rfc5424':
      return (input) => formatRfc5424(input, options);
    case 'jsonata':
      return compileTemplate(options.template ?? '');
  }
}

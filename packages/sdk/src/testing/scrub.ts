import { REDACTED_TEXT, type Secret } from '@patchbay/types';
import type { FixtureBody } from './fixture-format.ts';

export interface ScrubOptions {
  /** Values to remove wherever they appear (URL, bodies, headers), also URL- and JSON-escaped. */
  readonly secrets?: readonly (Secret | string)[];
  /** More names (headers, query parameters, JSON fields) whose values are secret. */
  readonly names?: readonly string[];
}

const SECRET_SUFFIXES = ['apikey', 'token', 'secret', 'password', 'passwd', 'signature', 'credential', 'credentials', 'assertion', 'privatekey', 'sessionid', 'authorization', 'cookie'];
const SECRET_NAMES = new Set(['key', 'sig', 'code', 'auth', 'pwd', 'setcookie']);
/** Pagination cursors are named like tokens but are not secrets, and replay needs them as they are. */
const NOT_SECRET = /page|cursor|continuation|next|sync/;
const VOLATILE_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'age', 'x-request-id']);
const TEXT_TYPE = /^text\/|[/+](json|xml)\b|x-www-form-urlencoded|javascript/i;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Removes secrets from what is recorded, and normalises incoming requests the same way on replay. */
export class Scrubber {
  readonly #extraNames: Set<string>;
  readonly #values: RegExp | undefined;

  constructor(options: ScrubOptions = {}) {
    this.#extraNames = new Set((options.names ?? []).map((n) => n.toLowerCase().replace(/[-_.]/g, '')));
    const variants = new Set<string>();
    for (const secret of options.secrets ?? []) {
      const value = typeof secret === 'string' ? secret : secret.reveal();
      if (value.length < 4) continue;
      for (const form of [value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2), JSON.stringify(value).slice(1, -1)]) variants.add(form);
    }
    const sorted = [...variants].sort((a, b) => b.length - a.length);
    this.#values = sorted.length ? new RegExp(sorted.map(escapeRegExp).join('|'), 'g') : undefined;
  }

  isSecretName(name: string): boolean {
    const n = name.toLowerCase().replace(/[-_.]/g, '');
    if (this.#extraNames.has(n)) return true;
    if (NOT_SECRET.test(n)) return false;
    return SECRET_NAMES.has(n) || SECRET_SUFFIXES.some((suffix) => n.endsWith(suffix));
  }

  text(value: string): string {
    return this.#values ? value.replace(this.#values, REDACTED_TEXT) : value;
  }

  json(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.json(item));
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = this.isSecretName(key) && item !== null && item !== '' ? REDACTED_TEXT : this.json(item);
    return out;
  }

  form(value: string): string {
    const params = new URLSearchParams(value);
    for (const name of new Set(params.keys())) if (this.isSecretName(name)) params.set(name, REDACTED_TEXT);
    return this.text(params.toString().replaceAll(encodeURIComponent(REDACTED_TEXT), REDACTED_TEXT));
  }

  /** The URL with secret query values and secret values anywhere replaced, and query parameters sorted. */
  url(url: URL): string {
    const copy = new URL(url);
    copy.searchParams.sort();
    for (const name of new Set(copy.searchParams.keys())) if (this.isSecretName(name)) copy.searchParams.set(name, REDACTED_TEXT);
    return this.text(copy.href.replaceAll(encodeURIComponent(REDACTED_TEXT), REDACTED_TEXT));
  }

  headers(headers: Headers): Record<string, string> {
    const out: Record<string, string> = {};
    headers.forEach((value, name) => {
      if (VOLATILE_HEADERS.has(name)) return;
      out[name] = this.isSecretName(name) ? REDACTED_TEXT : this.text(value);
    });
    return out;
  }

  body(bytes: Uint8Array, contentType: string | undefined | null): FixtureBody | undefined {
    if (bytes.byteLength === 0) return undefined;
    const type = contentType ?? '';
    const text = Buffer.from(bytes).toString('utf8');
    if (/[/+]json\b/i.test(type)) {
      try {
        return { json: this.json(JSON.parse(text)) };
      } catch {
        return { text: this.text(text) };
      }
    }
    if (/x-www-form-urlencoded/i.test(type)) return { text: this.form(text) };
    if (TEXT_TYPE.test(type) || Buffer.from(text, 'utf8').equals(Buffer.from(bytes))) return { text: this.text(text) };
    return { base64: Buffer.from(bytes).toString('base64') };
  }
}

import { HecRefusal } from './hec-answers.ts';

const WHITESPACE = new Set([' ', '\n', '\r', '\t']);

/**
 * The JSON objects of a HEC event request, one after another ("Format events for HTTP Event Collector",
 * "Batch data": `{"event":…}{"event":…}`, whitespace between them allowed). A body that is not such a
 * sequence is refused with code 6, naming the 0-based event where reading failed.
 */
export function splitEvents(text: string): unknown[] {
  const events: unknown[] = [];
  let at = 0;
  while (at < text.length) {
    while (at < text.length && WHITESPACE.has(text[at]!)) at++;
    if (at >= text.length) break;
    if (text[at] !== '{') throw new HecRefusal('invalidDataFormat', events.length);
    const start = at;
    let depth = 0;
    let inString = false;
    for (; at < text.length; at++) {
      const c = text[at];
      if (inString) {
        if (c === '\\') at++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) break;
      }
    }
    if (depth !== 0) throw new HecRefusal('invalidDataFormat', events.length);
    at++;
    try {
      events.push(JSON.parse(text.slice(start, at)));
    } catch {
      throw new HecRefusal('invalidDataFormat', events.length);
    }
  }
  return events;
}

/** An event as the receiver indexed it. */
export interface IndexedEvent {
  readonly time: number | undefined;
  readonly host: string | undefined;
  readonly source: string | undefined;
  readonly sourcetype: string | undefined;
  /** The index it went to: its own, else the token's default. */
  readonly index: string;
  readonly event: unknown;
  readonly fields: Readonly<Record<string, unknown>> | undefined;
}

export interface TokenIndexes {
  /** Indexes the token may write to; empty: any. */
  readonly allowedIndexes: readonly string[];
  readonly defaultIndex: string;
}

const isFieldValue = (v: unknown) => typeof v === 'string' || typeof v === 'number';
const optionalString = (v: unknown) => v === undefined || typeof v === 'string';

/**
 * Checks one event as HEC does ("Format events for HTTP Event Collector", "Event metadata"): `event`
 * required (12) and not blank (13); `time` epoch seconds (a number or a numeric string), host, source,
 * sourcetype and index strings (6); the index among the token's (7); `fields` flat values (15).
 */
export function checkEvent(raw: unknown, position: number, token: TokenIndexes): IndexedEvent {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new HecRefusal('invalidDataFormat', position);
  const e = raw as Record<string, unknown>;
  if (!('event' in e) || e.event === null) throw new HecRefusal('eventRequired', position);
  if (e.event === '' || (typeof e.event === 'object' && Object.keys(e.event as object).length === 0)) throw new HecRefusal('eventBlank', position);
  const time = typeof e.time === 'string' && e.time.trim() !== '' ? Number(e.time) : e.time;
  if (time !== undefined && (typeof time !== 'number' || !Number.isFinite(time))) throw new HecRefusal('invalidDataFormat', position);
  if (![e.host, e.source, e.sourcetype, e.index].every(optionalString)) throw new HecRefusal('invalidDataFormat', position);
  const index = (e.index as string | undefined) ?? token.defaultIndex;
  if (token.allowedIndexes.length > 0 && !token.allowedIndexes.includes(index)) throw new HecRefusal('incorrectIndex', position);
  if (e.fields !== undefined) {
    if (e.fields === null || typeof e.fields !== 'object' || Array.isArray(e.fields)) throw new HecRefusal('indexedFields', position);
    for (const value of Object.values(e.fields)) {
      if (!(isFieldValue(value) || (Array.isArray(value) && value.every(isFieldValue)))) throw new HecRefusal('indexedFields', position);
    }
  }
  return {
    time: time as number | undefined,
    host: e.host as string | undefined,
    source: e.source as string | undefined,
    sourcetype: e.sourcetype as string | undefined,
    index,
    event: e.event,
    fields: e.fields as Record<string, unknown> | undefined,
  };
}
